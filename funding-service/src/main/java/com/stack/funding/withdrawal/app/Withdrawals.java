package com.stack.funding.withdrawal.app;

import java.util.UUID;

import com.stack.defaults.errors.NotFoundException;
import com.stack.defaults.graphql.Connection;
import com.stack.defaults.graphql.KeysetCursor;
import com.stack.defaults.graphql.KeysetPages;
import com.stack.defaults.live.LiveUpdates;
import com.stack.defaults.security.Caller;
import com.stack.funding.withdrawal.domain.Withdrawal;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A caller's withdrawals: pages of their history, newest first, one withdrawal by id, and one withdrawal as it
 * changes.
 */
@Service
public class Withdrawals {

    private final WithdrawalStore withdrawals;
    private final LiveUpdates<Withdrawal> updates;

    public Withdrawals(WithdrawalStore withdrawals, LiveUpdates<Withdrawal> updates) {
        this.withdrawals = withdrawals;
        this.updates = updates;
    }

    public Mono<Connection<Withdrawal>> page(Caller caller, Integer first, String after) {
        return KeysetPages.page(
                first,
                after,
                (cursor, limit) -> withdrawals.findPageForUser(caller.userId(), cursor, limit),
                withdrawal -> new KeysetCursor(withdrawal.createdAt(), withdrawal.id()));
    }

    /** The caller's withdrawal with that id; empty when there is none or it is someone else's. */
    public Mono<Withdrawal> byId(Caller caller, UUID id) {
        return withdrawals.findForUser(caller.userId(), id);
    }

    /**
     * The caller's withdrawal as it is now, then each change of it in order, ending after a final status. Fails
     * with {@link NotFoundException}, before anything is sent, when there is none or it is someone else's (the
     * same look-up as {@link #byId}, so the two cannot be told apart).
     *
     * <p>The listening starts before the withdrawal is read, so a change committed while the read is out is not
     * lost: it waits behind the read, and is dropped if the read already shows it. Every change is sent once, in
     * version order; one at or below the version already sent (shown by the read, or overtaken on the way from
     * another instance) is dropped.
     */
    public Flux<Withdrawal> updates(Caller caller, UUID id) {
        return updates.listen(caller.userId())
                .flatMapMany(changes -> Flux.mergeSequential(
                        byId(caller, id).switchIfEmpty(Mono.error(() -> new NotFoundException("Withdrawal"))),
                        changes.filter(change -> change.id().equals(id))))
                .transform(Withdrawals::newerVersionsOnly)
                .takeUntil(withdrawal -> withdrawal.status().isFinal());
    }

    private static Flux<Withdrawal> newerVersionsOnly(Flux<Withdrawal> withdrawals) {
        return Flux.defer(() -> {
            long[] sent = {0};
            return withdrawals.filter(withdrawal -> {
                if (withdrawal.version() <= sent[0]) {
                    return false;
                }
                sent[0] = withdrawal.version();
                return true;
            });
        });
    }
}
