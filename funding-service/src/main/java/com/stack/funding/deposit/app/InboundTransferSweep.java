package com.stack.funding.deposit.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.stack.defaults.messaging.SweepingLoop;
import com.stack.funding.deposit.app.DepositStore.TransactionKey;
import com.stack.funding.deposit.app.InboundTransferListing.Listed;
import com.stack.funding.deposit.domain.DepositStatus;
import com.stack.funding.inbox.app.DepositIntakeMetrics;
import com.stack.funding.inbox.app.PartnerInbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import reactor.core.publisher.Mono;

/**
 * Finds the inbound transfers the custody partner never told about, so that no deposit is lost when its
 * notifications are given up (the webhook endpoint down longer than the partner retries) or dropped on the way.
 * Each pass lists the partner's inbound transactions created since the watermark and until {@code settle} ago
 * (a notification normally arrives well within that) and stores, in the partner inbox, those that funding has no
 * deposit for, or whose deposit still waits for a confirmation the partner now shows: exactly as their
 * notifications would have been stored, under an event id of the transaction and its state, so the inbox
 * processor applies them through the same handler and a late notification afterwards changes nothing (the
 * deposit's transaction is credited once).
 *
 * <p>The watermark (in {@code partner_sweep_watermarks}, so a restart goes on from it) moves forward after a
 * pass to its end, but never past a transaction that was not final yet: that one is listed again on later
 * passes until it is. It never stays more than {@code maxLookback} behind: a transaction stuck at the partner
 * for longer is left to its own notifications and to operators. A pass that cannot ask the partner leaves the
 * watermark for the next one.
 *
 * <p>Metric {@code stack.funding.deposits.swept{partner}}: transactions stored by the sweep (each one a notification
 * that did not arrive in time; alert {@code FundingDepositNotificationsMissed}).
 */
public class InboundTransferSweep extends SweepingLoop {

    private static final Logger log = LoggerFactory.getLogger(InboundTransferSweep.class);
    /** Deposits looked up, and notifications stored, per statement. */
    static final int BATCH = 100;

    static final String SWEPT = "stack.funding.deposits.swept";

    /**
     * {@code stack.funding.inbound-sweep.*}.
     *
     * @param enabled     run with the application
     * @param interval    how often the partner's list is read
     * @param settle      how old a transaction must be before the sweep looks at it: its notification comes first
     * @param maxLookback how far back the first pass reads, and the most the watermark may lag behind
     */
    @ConfigurationProperties("stack.funding.inbound-sweep")
    public record Settings(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1m") Duration interval,
            @DefaultValue("2m") Duration settle,
            @DefaultValue("24h") Duration maxLookback) {

        public Settings {
            if (interval.isNegative()
                    || interval.isZero()
                    || settle.isNegative()
                    || maxLookback.compareTo(settle) <= 0) {
                throw new IllegalArgumentException("stack.funding.inbound-sweep: interval must be positive, settle"
                        + " not negative, and max-lookback longer than settle");
            }
        }
    }

    private final InboundTransferListing listing;
    private final DepositStore deposits;
    private final PartnerInbox inbox;
    private final SweepWatermarks watermarks;
    private final Runnable wakeInbox;
    private final DepositIntakeMetrics metrics;
    private final Settings settings;
    private final Clock clock;
    private final String name;

    public InboundTransferSweep(
            InboundTransferListing listing,
            DepositStore deposits,
            PartnerInbox inbox,
            SweepWatermarks watermarks,
            Runnable wakeInbox,
            DepositIntakeMetrics metrics,
            Settings settings,
            Clock clock) {
        this.listing = listing;
        this.deposits = deposits;
        this.inbox = inbox;
        this.watermarks = watermarks;
        this.wakeInbox = wakeInbox;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
        this.name = listing.partner() + ".inbound";
        // from 0, so that the first transfer swept is an increase an alert sees
        metrics.registry().counter(SWEPT, "partner", listing.partner());
    }

    @Override
    protected Duration sweepInterval() {
        return settings.interval();
    }

    @Override
    public boolean isAutoStartup() {
        return settings.enabled();
    }

    @Override
    protected Mono<Void> pass(boolean woken) {
        return sweep().then();
    }

    /** One pass; emits how many transactions it stored in the inbox. */
    public Mono<Long> sweep() {
        return Mono.defer(() -> {
            Instant now = clock.instant();
            Instant to = now.minus(settings.settle());
            Instant floor = now.minus(settings.maxLookback());
            return watermarks.find(name).defaultIfEmpty(floor).flatMap(watermark -> {
                Instant from = watermark.isBefore(floor) ? floor : watermark;
                if (!to.isAfter(from)) {
                    return Mono.just(0L);
                }
                AtomicReference<Instant> next = new AtomicReference<>(to);
                return listing.inbound(from, to)
                        .doOnNext(listed -> {
                            if (listed.pending()) {
                                next.accumulateAndGet(listed.createdAt(), (a, b) -> a.isBefore(b) ? a : b);
                            }
                        })
                        .buffer(BATCH)
                        .concatMap(this::storeMissing)
                        .reduce(0L, Long::sum)
                        .flatMap(stored -> watermarks.advance(name, next.get()).thenReturn(stored));
            });
        });
    }

    /** Stores the listed transactions funding has not taken in yet; emits how many were stored now. */
    private Mono<Long> storeMissing(List<Listed> batch) {
        List<Listed> transfers =
                batch.stream().filter(listed -> listed.transfer() != null).toList();
        return deposits.statusesOf(transfers.stream()
                        .map(InboundTransferSweep::keyOf)
                        .distinct()
                        .toList())
                .flatMap(statuses -> {
                    List<PartnerInbox.Notification> missing = new ArrayList<>();
                    for (Listed listed : transfers) {
                        if (missed(listed, statuses)) {
                            missing.add(listed.notification());
                        }
                    }
                    return inbox.storeAll(listing.partner(), missing);
                })
                .map(stored -> {
                    if (!stored.isEmpty()) {
                        log.warn(
                                "{} inbound transactions were never announced by {} in time; taken from its list: {}",
                                stored.size(),
                                listing.partner(),
                                stored);
                        metrics.registry()
                                .counter(SWEPT, "partner", listing.partner())
                                .increment(stored.size());
                        wakeInbox.run();
                    }
                    return (long) stored.size();
                });
    }

    /** No deposit yet, or one waiting for the confirmation the partner now shows as final. */
    private static boolean missed(Listed listed, Map<TransactionKey, DepositStatus> statuses) {
        DepositStatus status = statuses.get(keyOf(listed));
        return status == null || (status == DepositStatus.PENDING_CONFIRMATION && !listed.pending());
    }

    private static TransactionKey keyOf(Listed listed) {
        return new TransactionKey(listed.transfer().chain(), listed.transfer().canonicalTxHash());
    }
}
