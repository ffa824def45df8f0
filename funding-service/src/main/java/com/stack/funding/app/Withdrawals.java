package com.stack.funding.app;

import java.util.UUID;

import com.stack.defaults.graphql.Connection;
import com.stack.defaults.graphql.KeysetCursor;
import com.stack.defaults.graphql.KeysetPages;
import com.stack.defaults.security.Caller;
import com.stack.funding.adapters.WithdrawalRepository;
import com.stack.funding.domain.Withdrawal;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** A caller's withdrawals: pages of their history, newest first, and one withdrawal by id. */
@Service
public class Withdrawals {

    private final WithdrawalRepository withdrawals;

    public Withdrawals(WithdrawalRepository withdrawals) {
        this.withdrawals = withdrawals;
    }

    public Mono<Connection<Withdrawal>> page(Caller caller, Integer first, String after) {
        return KeysetPages.page(first, after, (cursor, limit) -> withdrawals.findPageForUser(caller.userId(), cursor, limit),
                withdrawal -> new KeysetCursor(withdrawal.createdAt(), withdrawal.id()));
    }

    /** The caller's withdrawal with that id; empty when there is none or it is someone else's. */
    public Mono<Withdrawal> byId(Caller caller, UUID id) {
        return withdrawals.findForUser(caller.userId(), id);
    }
}
