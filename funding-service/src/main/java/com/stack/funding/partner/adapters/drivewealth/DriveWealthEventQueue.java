package com.stack.funding.partner.adapters.drivewealth;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.stack.defaults.partners.drivewealth.DriveWealthEvent;
import com.stack.defaults.partners.drivewealth.DriveWealthEventQueueSettings;
import com.stack.defaults.partners.sqs.SqsQueueLoop;
import com.stack.funding.inbox.app.DepositIntakeMetrics;
import com.stack.funding.inbox.app.PartnerInbox;
import com.stack.funding.inbox.app.PartnerInboxProcessor;
import com.stack.funding.shared.domain.Partners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * DriveWealth's events, from the SQS queue of its events subscription, into the partner inbox. SQS standard
 * queues deliver at least once and in no order: each message is stored once by DriveWealth's event id (a
 * duplicate delivery stores nothing), and deleted from the queue only after the insert committed, so a
 * crash in between has SQS deliver it again and nothing is lost. The processor applies stored events
 * asynchronously. Long polls run on the SDK's Netty client: waiting for events holds no thread.
 *
 * <p>A message that is not a DriveWealth event envelope is left on the queue (and counted): after the
 * queue's maxReceiveCount, its redrive policy moves it to the queue's dead-letter queue for an operator.
 */
public class DriveWealthEventQueue extends SqsQueueLoop {

    private static final Logger log = LoggerFactory.getLogger(DriveWealthEventQueue.class);

    private final PartnerInbox inbox;
    private final PartnerInboxProcessor processor;
    private final DepositIntakeMetrics metrics;

    public DriveWealthEventQueue(
            DriveWealthEventQueueSettings settings,
            PartnerInbox inbox,
            PartnerInboxProcessor processor,
            DepositIntakeMetrics metrics) {
        super("DriveWealth's event queue", settings.enabled(), settings.queue());
        this.inbox = inbox;
        this.processor = processor;
        this.metrics = metrics;
    }

    /**
     * One poll's events, stored in one statement, each once; then what was stored (or found stored before) is
     * deleted in one batch. A message SQS fails to delete is delivered again later and found stored.
     */
    @Override
    protected Mono<Void> take(List<Message> messages) {
        List<Message> events = new ArrayList<>();
        List<PartnerInbox.Notification> notifications = new ArrayList<>();
        for (Message message : messages) {
            try {
                DriveWealthEvents.Envelope envelope = DriveWealthEvents.envelope(message.body());
                events.add(message);
                notifications.add(new PartnerInbox.Notification(envelope.id(), envelope.type(), message.body()));
            } catch (DriveWealthEvent.MalformedEventException e) {
                log.error(
                        "SQS message {} on DriveWealth's queue is not an event ({}); left for the queue's redrive policy",
                        message.messageId(),
                        e.getMessage());
                metrics.webhook(Partners.DRIVEWEALTH, "malformed");
            }
        }
        if (events.isEmpty()) {
            return Mono.empty();
        }
        return inbox.storeAll(Partners.DRIVEWEALTH, notifications)
                .doOnNext(stored -> {
                    Set<String> first = new HashSet<>(stored);
                    notifications.forEach(notification -> metrics.webhook(
                            Partners.DRIVEWEALTH, first.remove(notification.eventId()) ? "accepted" : "duplicate"));
                    if (!stored.isEmpty()) {
                        processor.wake();
                    }
                })
                .then(delete(events))
                .doOnNext(deleted -> {
                    if (deleted.hasFailed() && !deleted.failed().isEmpty()) {
                        log.warn(
                                "{} of {} stored DriveWealth events not deleted from the queue ({}); SQS delivers them"
                                        + " again and they are found stored",
                                deleted.failed().size(),
                                events.size(),
                                deleted.failed().get(0).message());
                    }
                })
                .then();
    }
}
