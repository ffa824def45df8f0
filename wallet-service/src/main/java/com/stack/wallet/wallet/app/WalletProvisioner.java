package com.stack.wallet.wallet.app;

import java.time.Duration;
import java.time.Instant;

import com.stack.contracts.events.v1.WalletCreated;
import com.stack.defaults.messaging.ClaimingLoop;
import com.stack.defaults.messaging.Outbox;
import com.stack.defaults.resilience.RetryBackoff;
import com.stack.wallet.wallet.domain.Wallet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Drives wallets from CREATING to ACTIVE: opens each at the custodian, then, in one transaction, records
 * the custodian's wallet id and address (only if the wallet is still being created) and appends
 * WalletCreated to the outbox.
 *
 * <p>A pass claims the wallets that are due (see {@link WalletStore#claimDue}) and works on them
 * concurrently. Passes run one at a time (see {@link SweepingLoop}): woken right after a KYC approval
 * commits ({@link KycApprovals}), and on every sweep interval, which picks up wallets whose retry came due
 * and those a crashed instance had claimed. A failed attempt (Circle down, a refusal, a malformed answer)
 * is retried with exponential backoff per wallet; the custodian's idempotency key makes every retry, on
 * any instance, return the same wallet.
 */
@Service
public class WalletProvisioner extends ClaimingLoop<WalletStore.Claim> {

    private static final Logger log = LoggerFactory.getLogger(WalletProvisioner.class);

    private final WalletStore wallets;
    private final WalletCustody custody;
    private final Outbox outbox;
    private final TransactionalOperator transactions;
    private final RetryBackoff backoff;

    public WalletProvisioner(
            WalletStore wallets,
            WalletCustody custody,
            Outbox outbox,
            TransactionalOperator transactions,
            Settings settings) {
        super(new Schedule(settings.enabled(), settings.sweepInterval(), settings.batchSize(), settings.lease()));
        this.wallets = wallets;
        this.custody = custody;
        this.outbox = outbox;
        this.transactions = transactions;
        this.backoff = new RetryBackoff(settings.initialBackoff(), settings.maxBackoff());
    }

    @Override
    protected Flux<WalletStore.Claim> claim(Duration lease, int batchSize) {
        return wallets.claimDue(lease, batchSize);
    }

    @Override
    protected Mono<Void> work(WalletStore.Claim claim) {
        return provision(claim);
    }

    private Mono<Void> provision(WalletStore.Claim claim) {
        Wallet creating = claim.wallet();
        return custody.open(creating.userId(), creating.chain())
                .map(creating::activate)
                .flatMap(this::activate)
                .onErrorResume(failure -> retryLater(claim, failure));
    }

    private Mono<Void> activate(Wallet active) {
        Mono<Void> recorded = wallets.activate(active)
                .filter(activated -> activated)
                .flatMap(activated -> outbox.append(new WalletCreated(
                        active.userId(),
                        active.id(),
                        active.chain().name(),
                        active.address(),
                        Instant.now(),
                        active.circleWalletId())));
        return transactions.transactional(recorded);
    }

    private Mono<Void> retryLater(WalletStore.Claim claim, Throwable failure) {
        Duration delay = backoff.delayAfter(claim.attempts());
        Wallet wallet = claim.wallet();
        log.warn(
                "Opening the {} wallet {} of user {} failed (attempt {}); retrying in {}: {}",
                wallet.chain(),
                wallet.id(),
                wallet.userId(),
                claim.attempts(),
                delay,
                failure.toString());
        log.debug("Failure opening wallet {}", wallet.id(), failure);
        return wallets.retryLater(wallet.id(), failure.toString(), delay);
    }

    /**
     * {@code stack.wallet.provisioning.*}.
     *
     * @param enabled        run the provisioner with the application
     * @param sweepInterval  how often due retries and lapsed claims are looked for, besides the wake-up after an approval
     * @param batchSize      wallets claimed, and opened concurrently, per pass
     * @param lease          how long a claim keeps a wallet to its instance; longer than one attempt can take
     *                       (the client's timeout times its attempts, plus creating the wallet set)
     * @param initialBackoff wait after a wallet's first failed attempt, doubled per attempt
     * @param maxBackoff     retry wait cap
     */
    @ConfigurationProperties("stack.wallet.provisioning")
    public record Settings(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("5s") Duration sweepInterval,
            @DefaultValue("20") int batchSize,
            @DefaultValue("2m") Duration lease,
            @DefaultValue("1s") Duration initialBackoff,
            @DefaultValue("1m") Duration maxBackoff) {}
}
