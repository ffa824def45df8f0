package com.stack.aicfo.facts.app;

import java.math.BigDecimal;
import java.util.UUID;

import com.stack.aicfo.facts.app.ports.Facts;
import com.stack.aicfo.facts.domain.Movement;
import com.stack.aicfo.facts.domain.Usd;
import com.stack.aicfo.facts.domain.Weeks;
import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.v1.BuyingPowerChanged;
import com.stack.contracts.events.v1.DepositStatusChanged;
import com.stack.contracts.events.v1.OrderStatusChanged;
import com.stack.contracts.events.v1.ProfileUpdated;
import com.stack.contracts.events.v1.UserRegistered;
import com.stack.contracts.events.v1.WithdrawalStatusChanged;
import com.stack.defaults.messaging.PoisonEventException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Keeps aicfo's read model of what a summary may state from the events the suite publishes (each handler runs in
 * the consumer's transaction that records the event as processed, and every row is keyed by what it records, so an
 * event delivered again, or a status announced again, counts once):
 * <ul>
 *   <li>a deposit counts when funding credits it as buying power ({@code BROKER_FUNDED}), for what it credits: its
 *       USDC in whole cents, rounded down, as funding's off-ramp pays it;</li>
 *   <li>a withdrawal counts when it is {@code COMPLETE};</li>
 *   <li>an order counts when it ends {@code FILLED} (an order filled; its filled notional bought or sold by side), or
 *       {@code CANCELED} with something filled (that part bought or sold, not an order filled);</li>
 *   <li>every buying power change is kept with its version and time, so its value at a week's end can be read;</li>
 *   <li>a registered user is kept by id only (no email or phone number: nothing a summary needs);</li>
 *   <li>a profile change keeps only the user's time zone, the newest by its {@code updatedAt}.</li>
 * </ul>
 * An amount that is not a decimal can never be applied: the event is dead-lettered.
 */
@Service
public class FactsFromEvents {

    static final String BROKER_FUNDED = "BROKER_FUNDED";
    static final String COMPLETE = "COMPLETE";

    private final Facts facts;

    public FactsFromEvents(Facts facts) {
        this.facts = facts;
    }

    public Mono<Void> depositChanged(EventEnvelope<DepositStatusChanged> event) {
        DepositStatusChanged deposit = event.data();
        if (!BROKER_FUNDED.equals(deposit.status())) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> Usd.creditedByDeposit(amount(deposit.amount(), "deposit amount")))
                .flatMap(credited -> record(
                        deposit.depositId(),
                        deposit.userId(),
                        new Movement(Movement.Kind.DEPOSIT, credited, null, null, deposit.changedAt()),
                        event.id()));
    }

    public Mono<Void> withdrawalChanged(EventEnvelope<WithdrawalStatusChanged> event) {
        WithdrawalStatusChanged withdrawal = event.data();
        if (!COMPLETE.equals(withdrawal.status())) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> Usd.cents(amount(withdrawal.amount(), "withdrawal amount")))
                .flatMap(amount -> record(
                        withdrawal.withdrawalId(),
                        withdrawal.userId(),
                        new Movement(Movement.Kind.WITHDRAWAL, amount, null, null, withdrawal.changedAt()),
                        event.id()));
    }

    public Mono<Void> orderChanged(EventEnvelope<OrderStatusChanged> event) {
        OrderStatusChanged order = event.data();
        boolean filled = Movement.FILLED.equals(order.status());
        if (!filled && !Movement.CANCELED.equals(order.status())) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> {
                    if (!Movement.BUY.equals(order.side()) && !Movement.SELL.equals(order.side())) {
                        throw poison("an order side is BUY or SELL: " + order.side(), null);
                    }
                    return Usd.cents(amount(order.filledAmountUsd(), "filledAmountUsd"));
                })
                .filter(amount -> filled || amount.signum() > 0)
                .flatMap(amount -> record(
                        order.orderId(),
                        order.userId(),
                        new Movement(Movement.Kind.ORDER, amount, order.side(), order.status(), order.changedAt()),
                        event.id()));
    }

    public Mono<Void> buyingPowerChanged(EventEnvelope<BuyingPowerChanged> event) {
        BuyingPowerChanged changed = event.data();
        return Mono.fromCallable(() -> {
                    try {
                        return new BigDecimal(changed.buyingPower().strip());
                    } catch (NumberFormatException | NullPointerException e) {
                        throw poison("buyingPower is not a decimal: " + changed.buyingPower(), e);
                    }
                })
                .flatMap(amount ->
                        facts.recordBuyingPower(changed.userId(), changed.version(), amount, changed.changedAt()));
    }

    public Mono<Void> userRegistered(EventEnvelope<UserRegistered> event) {
        return facts.recordUser(event.data().userId(), event.data().registeredAt());
    }

    /**
     * Keeps the user's time zone (their weeks run Monday to Sunday in it), unless a newer profile was applied already.
     * A zone that java.time or PostgreSQL does not know can never be applied (onboarding accepts only region ids
     * java.time knows; PostgreSQL's own zone files could lag behind): the event is dead-lettered, and the user's
     * weeks stay in the zone they had, rather than one unknown id failing the weekly run's query for everyone.
     */
    public Mono<Void> profileUpdated(EventEnvelope<ProfileUpdated> event) {
        ProfileUpdated profile = event.data();
        if (profile.timeZone() == null
                || profile.updatedAt() == null
                || !Weeks.zoneOrUtc(profile.timeZone()).getId().equals(profile.timeZone())) {
            return Mono.error(poison(
                    "a profile has a time zone id java.time knows and a time: " + profile.timeZone() + " at "
                            + profile.updatedAt(),
                    null));
        }
        return facts.knowsTimeZone(profile.timeZone())
                .flatMap(known -> known
                        ? facts.recordTimeZone(profile.userId(), profile.timeZone(), profile.updatedAt())
                        : Mono.error(poison("PostgreSQL does not know the time zone " + profile.timeZone(), null)))
                .then();
    }

    private Mono<Void> record(UUID sourceId, UUID userId, Movement movement, UUID eventId) {
        return facts.recordMovement(sourceId, userId, movement, eventId).then();
    }

    private static BigDecimal amount(String text, String what) {
        try {
            return Usd.parse(text);
        } catch (IllegalArgumentException e) {
            throw poison(what + ": " + e.getMessage(), e);
        }
    }

    private static PoisonEventException poison(String message, Throwable cause) {
        return new PoisonEventException("invalid_data", message, cause);
    }
}
