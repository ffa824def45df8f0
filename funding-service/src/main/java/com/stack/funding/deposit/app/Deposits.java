package com.stack.funding.deposit.app;

import java.util.UUID;

import com.stack.defaults.graphql.Connection;
import com.stack.defaults.graphql.KeysetCursor;
import com.stack.defaults.graphql.KeysetPages;
import com.stack.defaults.security.Caller;
import com.stack.funding.deposit.domain.Deposit;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** A caller's deposits: pages of their history, newest first, and one deposit by id. */
@Service
public class Deposits {

    private final DepositStore deposits;

    public Deposits(DepositStore deposits) {
        this.deposits = deposits;
    }

    public Mono<Connection<Deposit>> page(Caller caller, Integer first, String after) {
        return KeysetPages.page(
                first,
                after,
                (cursor, limit) -> deposits.findPageForUser(caller.userId(), cursor, limit),
                deposit -> new KeysetCursor(deposit.createdAt(), deposit.id()));
    }

    /** The caller's deposit with that id; empty when there is none or it is someone else's. */
    public Mono<Deposit> byId(Caller caller, UUID id) {
        return deposits.findForUser(caller.userId(), id);
    }
}
