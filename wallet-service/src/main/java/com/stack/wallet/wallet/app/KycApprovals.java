package com.stack.wallet.wallet.app;

import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.EventIds;
import com.stack.contracts.events.v1.KycStatusChanged;
import com.stack.defaults.messaging.EventHandler;
import com.stack.defaults.transactions.AfterCommit;
import com.stack.wallet.kyc.app.KycStandings;
import com.stack.wallet.kyc.domain.KycStanding;
import com.stack.wallet.wallet.domain.Chain;
import com.stack.wallet.wallet.domain.Wallet;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Starts a user's wallets when onboarding approves their KYC: in the consumer's transaction, records the
 * KYC standing and inserts one wallet per chain in status CREATING; after the commit, wakes the
 * {@link WalletProvisioner}, which opens them at the custodian. A stale status (a version not above the
 * one recorded) changes nothing, so an approval is never undone by a late PENDING; a status other than
 * APPROVED creates nothing.
 */
@Service
public class KycApprovals implements EventHandler<KycStatusChanged> {

    private final KycStandings standings;
    private final WalletStore wallets;
    private final WalletProvisioner provisioner;

    public KycApprovals(KycStandings standings, WalletStore wallets, WalletProvisioner provisioner) {
        this.standings = standings;
        this.wallets = wallets;
        this.provisioner = provisioner;
    }

    @Override
    public Mono<Void> handle(EventEnvelope<KycStatusChanged> event) {
        KycStatusChanged change = event.data();
        KycStanding standing = new KycStanding(change.status(), change.version());
        return standings
                .recordIfNewer(change.userId(), standing, change.changedAt())
                .filter(recorded -> recorded && standing.approved())
                .flatMapMany(approved -> Flux.fromArray(Chain.values()))
                .concatMap(chain -> wallets.insertIfAbsent(Wallet.creating(EventIds.next(), change.userId(), chain)))
                .reduce(false, (any, inserted) -> any || inserted)
                .flatMap(inserted -> inserted ? wakeProvisionerAfterCommit() : Mono.empty());
    }

    private Mono<Void> wakeProvisionerAfterCommit() {
        return AfterCommit.run(provisioner::wake);
    }
}
