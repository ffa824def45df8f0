package com.stack.wallet.wallet.api;

import java.util.List;

import com.stack.defaults.graphql.Ids;
import com.stack.defaults.graphql.UserReference;
import com.stack.defaults.security.CallerResolver;
import com.stack.wallet.wallet.app.DepositAddresses;
import com.stack.wallet.wallet.app.Wallets;
import com.stack.wallet.wallet.domain.Chain;
import com.stack.wallet.wallet.domain.Wallet;
import org.springframework.graphql.data.federation.EntityMapping;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Controller
public class WalletGraphQlController {

    private final Wallets wallets;
    private final DepositAddresses depositAddresses;

    public WalletGraphQlController(Wallets wallets, DepositAddresses depositAddresses) {
        this.wallets = wallets;
        this.depositAddresses = depositAddresses;
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
    public Flux<Wallet> wallets(UserReference user) {
        return CallerResolver.requireSelf(user.id()).flatMapMany(wallets::of);
    }

    @QueryMapping
    public Mono<Wallet> depositAddress(@Argument Chain chain) {
        return CallerResolver.current().flatMap(caller -> depositAddresses.forChain(caller, chain));
    }
}
