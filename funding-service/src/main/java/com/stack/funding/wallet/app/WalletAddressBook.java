package com.stack.funding.wallet.app;

import java.util.Locale;

import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.v1.WalletCreated;
import com.stack.defaults.messaging.EventHandler;
import com.stack.defaults.transactions.AfterCommit;
import com.stack.funding.inbox.app.PartnerInbox;
import com.stack.funding.inbox.app.PartnerInboxProcessor;
import com.stack.funding.shared.domain.Chain;
import com.stack.funding.wallet.domain.KnownWallet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Learns the users' custody addresses from the wallet service's WalletCreated, so that an inbound
 * transfer can be matched to its user without asking the wallet service on the way. Inbound transfers
 * that arrived before the address was known, and wait for it, are put back in the same transaction that
 * records the wallet, and the inbox processor is woken once it committed: they are then applied like any
 * transfer (one deposit per chain and transaction hash, so a repeated WalletCreated changes nothing).
 */
@Service
public class WalletAddressBook implements EventHandler<WalletCreated> {

    private static final Logger log = LoggerFactory.getLogger(WalletAddressBook.class);

    private final KnownWallets wallets;
    private final PartnerInbox inbox;
    private final PartnerInboxProcessor inboxProcessor;

    public WalletAddressBook(KnownWallets wallets, PartnerInbox inbox, PartnerInboxProcessor inboxProcessor) {
        this.wallets = wallets;
        this.inbox = inbox;
        this.inboxProcessor = inboxProcessor;
    }

    @Override
    public Mono<Void> handle(EventEnvelope<WalletCreated> event) {
        WalletCreated created = event.data();
        Chain chain;
        try {
            chain = Chain.valueOf(created.chain().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            log.warn(
                    "WalletCreated {} names chain {}, which funding does not support; not recorded",
                    event.id(),
                    created.chain());
            return Mono.empty();
        }
        KnownWallet wallet = KnownWallet.of(
                created.walletId(),
                created.userId(),
                chain,
                created.address(),
                created.createdAt(),
                created.custodianWalletId());
        return wallets.record(wallet)
                .doOnNext(recorded -> {
                    if (!recorded.walletId().equals(wallet.walletId())) {
                        // two wallets cannot share an address: deposits keep going to the first one's user
                        log.error(
                                "WalletCreated {}: address {} on {} already belongs to wallet {} of user {}; not recorded",
                                event.id(),
                                wallet.address(),
                                chain.column(),
                                recorded.walletId(),
                                recorded.userId());
                    }
                })
                .flatMap(recorded -> inbox.releaseAwaiting(recorded.chain(), recorded.address()))
                .flatMap(released -> released == 0
                        ? Mono.<Void>empty()
                        : AfterCommit.run(() -> {
                            log.info(
                                    "WalletCreated {}: {} inbound transfers to {} on {} were waiting for it",
                                    event.id(),
                                    released,
                                    wallet.address(),
                                    chain.column());
                            inboxProcessor.wake();
                        }));
    }
}
