package com.stack.wallet.app;

import com.stack.defaults.security.Caller;
import com.stack.wallet.adapters.WalletRepository;
import com.stack.wallet.domain.Chain;
import com.stack.wallet.domain.DepositAddressUnavailableException;
import com.stack.wallet.domain.Wallet;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Hands out the address a caller deposits stablecoins to: their active wallet on the chain, nothing else. */
@Service
public class DepositAddresses {

    private final WalletRepository wallets;

    public DepositAddresses(WalletRepository wallets) {
        this.wallets = wallets;
    }

    public Mono<Wallet> forChain(Caller caller, Chain chain) {
        return wallets.findByUserAndChain(caller.userId(), chain)
                .switchIfEmpty(Mono.error(() -> new DepositAddressUnavailableException(chain, null)))
                .flatMap(wallet -> wallet.acceptsDeposits() ? Mono.just(wallet)
                        : Mono.error(new DepositAddressUnavailableException(chain, wallet.status())));
    }
}
