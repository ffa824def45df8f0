package com.stack.wallet.wallet.app;

import java.util.Optional;

import com.stack.defaults.security.Caller;
import com.stack.wallet.kyc.app.KycStandings;
import com.stack.wallet.wallet.domain.Chain;
import com.stack.wallet.wallet.domain.DepositAddressRule;
import com.stack.wallet.wallet.domain.Wallet;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Hands out the address a caller deposits stablecoins to: their active wallet on the chain, and only once
 * their KYC is approved (see {@link DepositAddressRule}).
 */
@Service
public class DepositAddresses {

    private final KycStandings standings;
    private final WalletStore wallets;

    public DepositAddresses(KycStandings standings, WalletStore wallets) {
        this.standings = standings;
        this.wallets = wallets;
    }

    public Mono<Wallet> forChain(Caller caller, Chain chain) {
        return Mono.zip(
                        standings.find(caller.userId()).map(Optional::of).defaultIfEmpty(Optional.empty()),
                        wallets.findByUserAndChain(caller.userId(), chain)
                                .map(Optional::of)
                                .defaultIfEmpty(Optional.empty()))
                .map(found -> DepositAddressRule.depositWallet(
                        chain, found.getT1().orElse(null), found.getT2().orElse(null)));
    }
}
