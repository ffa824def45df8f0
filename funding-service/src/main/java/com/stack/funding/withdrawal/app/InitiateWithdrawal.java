package com.stack.funding.withdrawal.app;

import java.math.BigDecimal;
import java.time.Instant;

import com.stack.contracts.events.EventIds;
import com.stack.defaults.errors.ConflictException;
import com.stack.defaults.errors.InvalidInputException;
import com.stack.defaults.errors.RetryLaterException;
import com.stack.defaults.limits.PerWindowLimit;
import com.stack.defaults.security.Caller;
import com.stack.funding.broker.app.BrokerBuyingPower;
import com.stack.funding.ledger.app.Ledger;
import com.stack.funding.ledger.app.LedgerStore;
import com.stack.funding.ledger.domain.LedgerPosting;
import com.stack.funding.saga.app.SagaCommands;
import com.stack.funding.shared.domain.Chain;
import com.stack.funding.withdrawal.domain.Withdrawal;
import com.stack.funding.withdrawal.domain.WithdrawalRules;
import com.stack.funding.withdrawal.domain.WithdrawalSaga;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * {@code initiateWithdrawal}: the request is checked ({@link WithdrawalRules}), then, in one transaction under
 * the user's balance lock, a repeat of the idempotency key is answered with the withdrawal it made (a
 * different request under the key is refused), the number of withdrawals the user created within the window
 * ({@code RATE_LIMITED} over it: funding's own limit, whatever the gateway counted), the per-day limit and the
 * buying power are checked, then the broker's own buying power ({@link BrokerBuyingPower}, read before the
 * transaction so that no lock waits on the broker: {@code BROKER_BUYING_POWER_SHORT} when it has less,
 * {@code BROKER_UNAVAILABLE} when it cannot be asked), the
 * withdrawal is recorded PENDING, its amount moves from buying power to the pending withdrawal in the ledger,
 * the saga's first command (INITIATE_BROKER_WITHDRAWAL) is recorded, and the withdrawal is announced
 * ({@link WithdrawalAnnouncements}: WithdrawalStatusChanged into the outbox, live subscribers after commit).
 * Concurrent withdrawals of one user wait on the lock, so together they can never take more than the buying
 * power there is.
 */
public class InitiateWithdrawal {

    /**
     * {@code stack.funding.withdrawals.*}.
     *
     * @param perWithdrawalLimit the most one withdrawal may take, USD
     * @param perDayLimit        the most a user may withdraw in 24 hours, USD
     * @param maxPerWindow       how many withdrawals a user may create within a window ({@code 5/1m}), counted in
     *                           funding's database under the user's lock (an idempotent repeat is not counted)
     */
    @ConfigurationProperties("stack.funding.withdrawals")
    public record Settings(
            @DefaultValue("10000.00") BigDecimal perWithdrawalLimit,
            @DefaultValue("25000.00") BigDecimal perDayLimit,
            @DefaultValue("5/1m") String maxPerWindow) {

        public Settings {
            PerWindowLimit.parse("stack.funding.withdrawals.max-per-window", maxPerWindow);
        }

        public PerWindowLimit rateLimit() {
            return PerWindowLimit.parse("stack.funding.withdrawals.max-per-window", maxPerWindow);
        }
    }

    private final WithdrawalStore withdrawals;
    private final LedgerStore balances;
    private final Ledger ledger;
    private final WithdrawalAnnouncements announcements;
    private final TransactionalOperator transactions;
    private final SagaCommands commands;
    private final WithdrawalRules.Limits limits;
    private final PerWindowLimit rateLimit;
    private final BrokerBuyingPower broker;

    public InitiateWithdrawal(
            WithdrawalStore withdrawals,
            LedgerStore balances,
            Ledger ledger,
            WithdrawalAnnouncements announcements,
            TransactionalOperator transactions,
            SagaCommands commands,
            Settings settings,
            BrokerBuyingPower broker) {
        this.commands = commands;
        this.broker = broker;
        this.withdrawals = withdrawals;
        this.balances = balances;
        this.ledger = ledger;
        this.announcements = announcements;
        this.transactions = transactions;
        this.limits = new WithdrawalRules.Limits(settings.perWithdrawalLimit(), settings.perDayLimit());
        this.rateLimit = settings.rateLimit();
    }

    public Mono<Withdrawal> initiate(
            Caller caller, BigDecimal amountUsd, Chain chain, String address, String idempotencyKey) {
        WithdrawalRules.Checked checked = WithdrawalRules.check(amountUsd, chain, address, idempotencyKey, limits);
        if (checked instanceof WithdrawalRules.Refused refused) {
            return Mono.error(new InvalidInputException(refused.code(), refused.field(), refused.message()));
        }
        WithdrawalRules.Valid request = (WithdrawalRules.Valid) checked;
        return broker.forWithdrawal(caller.userId())
                .flatMap(reading -> transactions.transactional(balances.bumpBalanceVersion(caller.userId())
                        .then(withdrawals.findByIdempotencyKey(caller.userId(), request.idempotencyKey()))
                        .map(existing -> repeat(existing, request))
                        .switchIfEmpty(Mono.defer(() -> record(caller, request, reading)))));
    }

    private Withdrawal repeat(WithdrawalStore.Keyed existing, WithdrawalRules.Valid request) {
        if (!existing.requestHash().equals(request.fingerprint())) {
            throw new ConflictException(
                    "IDEMPOTENCY_KEY_REUSED",
                    "This idempotency key was used for another withdrawal;" + " use a new key for a new withdrawal");
        }
        return existing.withdrawal();
    }

    /** Under the user's lock: the withdrawals counted are those committed before it, so concurrent requests queue. */
    private Mono<Withdrawal> record(Caller caller, WithdrawalRules.Valid request, BrokerBuyingPower.Reading reading) {
        return withdrawals
                .createdWithin(caller.userId(), rateLimit.window())
                .flatMap(created -> rateLimit.allowsAnother(created.count())
                        ? checkAndRecord(caller, request, reading)
                        : Mono.error(RetryLaterException.rateLimited(
                                "At most " + rateLimit.count() + " withdrawals may be made within "
                                        + rateLimit.window().toSeconds() + " seconds",
                                rateLimit.retryAfter(created.oldest(), Instant.now()))));
    }

    private Mono<Withdrawal> checkAndRecord(
            Caller caller, WithdrawalRules.Valid request, BrokerBuyingPower.Reading reading) {
        return withdrawals
                .totalSince24Hours(caller.userId())
                .zipWith(balances.totalsForUser(caller.userId()))
                .flatMap(totals -> {
                    if (totals.getT1().add(request.amountUsd()).compareTo(limits.perDay()) > 0) {
                        return Mono.error(new InvalidInputException(
                                "WITHDRAWAL_LIMIT_EXCEEDED",
                                "amountUsd",
                                "Withdrawals are at most " + limits.perDay().toPlainString() + " USD in 24 hours; "
                                        + totals.getT1().toPlainString() + " USD withdrawn already"));
                    }
                    if (totals.getT2().buyingPower().compareTo(request.amountUsd()) < 0) {
                        return Mono.error(new InvalidInputException(
                                "INSUFFICIENT_BUYING_POWER",
                                "amountUsd",
                                "The buying power is "
                                        + totals.getT2()
                                                .buyingPower()
                                                .setScale(2, java.math.RoundingMode.DOWN)
                                                .toPlainString()
                                        + " USD, less than "
                                        + request.amountUsd().toPlainString()));
                    }
                    RuntimeException refusedByBroker = broker.withdrawalRefusal(reading, request.amountUsd());
                    if (refusedByBroker != null) {
                        return Mono.error(refusedByBroker);
                    }
                    return withdrawals
                            .insert(
                                    EventIds.next(),
                                    caller.userId(),
                                    request.amountUsd(),
                                    request.chain(),
                                    request.address(),
                                    request.idempotencyKey(),
                                    request.fingerprint())
                            .flatMap(withdrawal -> ledger.post(LedgerPosting.withdrawalHeld(withdrawal))
                                    .then(commands.entered(
                                            WithdrawalSaga.DEFINITION, withdrawal.status(), withdrawal.id()))
                                    .then(announcements.statusChanged(withdrawal))
                                    .thenReturn(withdrawal));
                });
    }
}
