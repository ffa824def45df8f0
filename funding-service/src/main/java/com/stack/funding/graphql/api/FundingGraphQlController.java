package com.stack.funding.graphql.api;

import java.util.List;

import com.stack.defaults.graphql.Connection;
import com.stack.defaults.graphql.Ids;
import com.stack.defaults.graphql.UserReference;
import com.stack.defaults.live.LiveUpdates;
import com.stack.defaults.security.CallerResolver;
import com.stack.funding.deposit.app.Deposits;
import com.stack.funding.deposit.domain.Deposit;
import com.stack.funding.ledger.app.Balances;
import com.stack.funding.ledger.domain.Balance;
import com.stack.funding.withdrawal.app.InitiateWithdrawal;
import com.stack.funding.withdrawal.app.Withdrawals;
import com.stack.funding.withdrawal.domain.Withdrawal;
import org.springframework.graphql.data.federation.EntityMapping;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads of a caller's money, live deposit and withdrawal updates, and initiating a withdrawal. A deposit or
 * withdrawal that is not the caller's is answered as one that does not exist: {@code null} by the nullable
 * {@code deposit(id)} and {@code withdrawal(id)} queries, a NOT_FOUND error and no event by
 * {@code withdrawalUpdated(id)} (its {@code Withdrawal!} cannot be null). An id that is not a UUID is NOT_FOUND.
 */
@Controller
public class FundingGraphQlController {

    private final Balances balances;
    private final Deposits deposits;
    private final Withdrawals withdrawals;
    private final LiveUpdates<Deposit> depositUpdates;
    private final InitiateWithdrawal initiateWithdrawal;

    public FundingGraphQlController(
            Balances balances,
            Deposits deposits,
            Withdrawals withdrawals,
            LiveUpdates<Deposit> depositUpdates,
            InitiateWithdrawal initiateWithdrawal) {
        this.initiateWithdrawal = initiateWithdrawal;
        this.balances = balances;
        this.deposits = deposits;
        this.withdrawals = withdrawals;
        this.depositUpdates = depositUpdates;
    }

    /** Records the withdrawal and holds its amount; the same idempotency key answers with the same withdrawal. */
    @MutationMapping
    public Mono<Withdrawal> initiateWithdrawal(@Argument WithdrawalInput input) {
        return CallerResolver.current()
                .flatMap(caller -> initiateWithdrawal.initiate(
                        caller, input.amountUsd(), input.chain(), input.address(), input.idempotencyKey()));
    }

    /** The mutation's input, as the contract has it. */
    public record WithdrawalInput(
            java.math.BigDecimal amountUsd,
            com.stack.funding.shared.domain.Chain chain,
            String address,
            String idempotencyKey) {}

    /** The caller's deposits as their status changes, from the moment of subscribing. */
    @SubscriptionMapping
    public Flux<Deposit> depositUpdated() {
        return CallerResolver.current().flatMapMany(caller -> depositUpdates.of(caller.userId()));
    }

    /**
     * The caller's withdrawal as it is, then each change of it, completing after COMPLETE or FAILED; NOT_FOUND
     * (and no event) when there is none or it is someone else's.
     */
    @SubscriptionMapping
    public Flux<Withdrawal> withdrawalUpdated(@Argument String id) {
        return CallerResolver.current()
                .flatMapMany(caller -> withdrawals.updates(caller, Ids.parseOrNotFound("Withdrawal", id)));
    }

    /**
     * Batched entity resolution for the gateway, in the order asked. The user lives in onboarding, so
     * there is nothing to look up here; the fields below check that the user is the caller.
     */
    @EntityMapping
    public Flux<UserReference> user(@Argument List<String> idList) {
        return Flux.fromIterable(idList).map(id -> new UserReference(Ids.parseOrNotFound("User", id)));
    }

    @SchemaMapping(typeName = "User")
    public Mono<Balance> balance(UserReference user) {
        return CallerResolver.requireSelf(user.id()).flatMap(balances::of);
    }

    @SchemaMapping(typeName = "User")
    public Mono<Connection<Deposit>> deposits(UserReference user, @Argument Integer first, @Argument String after) {
        return CallerResolver.requireSelf(user.id()).flatMap(caller -> deposits.page(caller, first, after));
    }

    @SchemaMapping(typeName = "User")
    public Mono<Connection<Withdrawal>> withdrawals(
            UserReference user, @Argument Integer first, @Argument String after) {
        return CallerResolver.requireSelf(user.id()).flatMap(caller -> withdrawals.page(caller, first, after));
    }

    @QueryMapping
    public Mono<Deposit> deposit(@Argument String id) {
        return CallerResolver.current().flatMap(caller -> deposits.byId(caller, Ids.parseOrNotFound("Deposit", id)));
    }

    @QueryMapping
    public Mono<Withdrawal> withdrawal(@Argument String id) {
        return CallerResolver.current()
                .flatMap(caller -> withdrawals.byId(caller, Ids.parseOrNotFound("Withdrawal", id)));
    }
}
