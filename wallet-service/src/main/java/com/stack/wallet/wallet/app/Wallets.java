package com.stack.wallet.wallet.app;

import com.stack.defaults.security.Caller;
import com.stack.wallet.wallet.domain.Wallet;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;

/** Lists a caller's opened wallets, active or inactive (see {@link Wallet#isOpened()}). */
@Service
public class Wallets {

    private final WalletStore wallets;

    public Wallets(WalletStore wallets) {
        this.wallets = wallets;
    }

    public Flux<Wallet> of(Caller caller) {
        return wallets.findByUser(caller.userId()).filter(Wallet::isOpened);
    }
}
