package com.stack.investing.broker.adapters.drivewealth;

import java.util.List;

import com.stack.defaults.partners.drivewealth.DriveWealthEvent;
import com.stack.defaults.partners.drivewealth.DriveWealthEventQueueSettings;
import com.stack.defaults.partners.sqs.SqsQueueLoop;
import com.stack.investing.broker.app.ExecutionReport;
import com.stack.investing.broker.app.ExecutionReports;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * DriveWealth's order events, from the SQS queue of its order events (not the queue of its funding events, which
 * funding reads), into {@link ExecutionReports}. SQS standard queues deliver at least once and in no order; the
 * reports are cumulative and applied idempotently, so a duplicate or a late one changes nothing. A message is
 * deleted only after its report was applied (committed): when applying fails it stays, and SQS delivers it again
 * after the visibility timeout. A message that is not an order event investing placed is logged, counted
 * ({@code investing.broker.events}, outcome {@code malformed} or {@code ignored}) and deleted: delivering it again
 * would not make it readable. Long polls run on the SDK's Netty client: waiting holds no thread.
 */
public class DriveWealthOrderQueue extends SqsQueueLoop {

    private static final Logger log = LoggerFactory.getLogger(DriveWealthOrderQueue.class);

    private final ExecutionReports reports;
    private final MeterRegistry meters;

    public DriveWealthOrderQueue(
            DriveWealthEventQueueSettings settings, ExecutionReports reports, MeterRegistry meters) {
        super("DriveWealth's order event queue", settings.enabled(), settings.queue());
        this.reports = reports;
        this.meters = meters;
    }

    /** One poll's messages, taken one after the other. */
    @Override
    protected Mono<Void> take(List<Message> messages) {
        return Flux.fromIterable(messages).concatMap(this::takeOne).then();
    }

    private Mono<Void> takeOne(Message message) {
        DriveWealthOrderEvents.Event event;
        ExecutionReport report;
        try {
            event = DriveWealthOrderEvents.event(message.body());
            if (!event.isOrderEvent()) {
                log.warn(
                        "SQS message {} on DriveWealth's order event queue is a {} event, not an order's; deleted",
                        message.messageId(),
                        event.type());
                return count("ignored").then(deleteOne(message));
            }
            report = DriveWealthOrderEvents.report(event.id(), event.order());
        } catch (DriveWealthEvent.MalformedEventException e) {
            log.error(
                    "SQS message {} on DriveWealth's order event queue is not an order event of investing ({});"
                            + " deleted: {}",
                    message.messageId(),
                    e.getMessage(),
                    message.body());
            return count("malformed").then(deleteOne(message));
        }
        return reports.apply(report)
                .then(count("applied"))
                .thenReturn(true)
                .onErrorResume(e -> {
                    // not applied: the message stays and SQS delivers it again after the visibility timeout
                    log.warn(
                            "DriveWealth order event {} ({} of order {}) not applied; delivered again later: {}",
                            event.id(),
                            report.state(),
                            report.clientOrderId(),
                            e.toString());
                    return count("failed").thenReturn(false);
                })
                .flatMap(applied -> applied ? deleteOne(message) : Mono.empty());
    }

    private Mono<Void> deleteOne(Message message) {
        return delete(List.of(message))
                .doOnNext(deleted -> {
                    if (deleted.hasFailed() && !deleted.failed().isEmpty()) {
                        log.warn(
                                "SQS message {} not deleted from DriveWealth's order event queue ({}); delivered again"
                                        + " and applied again harmlessly",
                                message.messageId(),
                                deleted.failed().get(0).message());
                    }
                })
                .then();
    }

    private Mono<Void> count(String outcome) {
        return Mono.fromRunnable(() -> meters.counter(
                        "investing.broker.events", "partner", DriveWealthBroker.PARTNER, "outcome", outcome)
                .increment());
    }
}
