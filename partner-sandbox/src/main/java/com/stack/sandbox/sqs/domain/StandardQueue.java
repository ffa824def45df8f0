package com.stack.sandbox.sqs.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * An SQS standard queue held in memory, with the semantics a consumer must cope with: delivery at
 * least once (a message comes back until it is deleted), no order (visible messages are handed out
 * shuffled), and a visibility timeout per receive. Messages are kept until deleted or purged (SQS's
 * retention period is not emulated). Every operation holds the queue's monitor for a few map
 * operations only: safe on an event loop.
 *
 * <p>Each receive issues a new receipt handle. Deleting with any handle the message was ever received
 * with deletes it, and deleting a message that is already gone succeeds, as SQS does; a handle this
 * queue never issued is {@code ReceiptHandleIsInvalid}.
 */
public final class StandardQueue {

    public static final int MAX_MESSAGES_PER_RECEIVE = 10;
    /** SQS's limit on a message body, 1 MiB since 2025. */
    public static final int MAX_BODY_BYTES = 1_048_576;

    private final String name;
    private final QueueSettings settings;
    private final Instant createdAt;
    private final Random random;
    private final Map<Long, Entry> entries = new LinkedHashMap<>();
    private final Map<String, History> histories = new LinkedHashMap<>();
    private long nextSequence = 1;

    public StandardQueue(String name, QueueSettings settings, Instant now, Random random) {
        this.name = name;
        this.settings = settings;
        this.createdAt = now;
        this.random = random;
    }

    public String name() {
        return name;
    }

    public QueueSettings settings() {
        return settings;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** What SendMessage answers. {@code md5OfMessageAttributes} is {@code null} without attributes. */
    public record Sent(String messageId, String md5OfMessageBody, String md5OfMessageAttributes) {}

    /**
     * One message as one ReceiveMessage hands it out.
     *
     * @param receiveCount          how often it was received, this time included
     * @param firstReceiveTimestamp when it was received the first time
     */
    public record Received(
            String messageId,
            String receiptHandle,
            String body,
            String md5OfBody,
            Map<String, MessageAttribute> messageAttributes,
            String senderId,
            Instant sentTimestamp,
            int receiveCount,
            Instant firstReceiveTimestamp) {}

    /** The ApproximateNumberOfMessages* attributes. */
    public record Counts(int visible, int notVisible, int delayed) {}

    /**
     * What became of the copies of one message id sent to this queue.
     *
     * @param copies   how many were sent with this id (2 for a duplicated delivery)
     * @param receives how often they were received in all
     * @param deleted  how many of them were deleted
     */
    public record MessageHistory(int copies, int receives, int deleted) {}

    /**
     * Adds a message, visible after {@code delaySeconds} (the queue's delay when {@code null}). Sending
     * again with the same {@code messageId} adds a second copy of it, received and deleted apart from
     * the first: what a duplicated delivery looks like to a consumer.
     */
    public synchronized Sent send(
            String messageId,
            String body,
            Map<String, MessageAttribute> attributes,
            Integer delaySeconds,
            String senderId,
            Instant now) {
        if (body == null || body.isEmpty()) {
            throw SqsException.missingParameter("MessageBody");
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw SqsException.invalidParameterValue(
                    "One or more parameters are invalid. Reason: Message must be shorter than " + MAX_BODY_BYTES
                            + " bytes.");
        }
        int delay = delaySeconds == null
                ? settings.delaySeconds()
                : QueueSettings.checkRange("DelaySeconds", delaySeconds, QueueSettings.MAX_DELAY_SECONDS);
        Map<String, MessageAttribute> copied = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        Entry entry = new Entry(nextSequence++, messageId, body, copied, senderId, now, now.plusSeconds(delay));
        entries.put(entry.sequence, entry);
        histories.computeIfAbsent(messageId, id -> new History()).copies++;
        return new Sent(messageId, entry.md5OfBody, copied.isEmpty() ? null : MessageDigests.ofAttributes(copied));
    }

    /**
     * Up to {@code max} visible messages in random order, each invisible for {@code visibilitySeconds}
     * from now on and with a new receipt handle. Empty when none is visible.
     */
    public synchronized List<Received> receive(int max, int visibilitySeconds, Instant now) {
        checkReceive(max, visibilitySeconds);
        List<Entry> visible = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (!entry.visibleAt.isAfter(now)) {
                visible.add(entry);
            }
        }
        Collections.shuffle(visible, random);
        List<Received> received = new ArrayList<>();
        for (Entry entry : visible.subList(0, Math.min(max, visible.size()))) {
            entry.receiveCount++;
            if (entry.firstReceivedAt == null) {
                entry.firstReceivedAt = now;
            }
            entry.visibleAt = now.plusSeconds(visibilitySeconds);
            String handle = handle(entry);
            entry.handles.add(handle);
            histories.get(entry.messageId).receives++;
            received.add(new Received(
                    entry.messageId,
                    handle,
                    entry.body,
                    entry.md5OfBody,
                    entry.attributes,
                    entry.senderId,
                    entry.sentAt,
                    entry.receiveCount,
                    entry.firstReceivedAt));
        }
        return received;
    }

    /** @throws SqsException (InvalidParameterValue) unless 1 to 10 messages and a visibility timeout of 0 to 12 hours */
    public static void checkReceive(int max, int visibilitySeconds) {
        if (max < 1 || max > MAX_MESSAGES_PER_RECEIVE) {
            throw SqsException.invalidParameterValue(
                    "Value " + max + " for parameter MaxNumberOfMessages is invalid. Reason: "
                            + "Must be between 1 and " + MAX_MESSAGES_PER_RECEIVE + ", if provided.");
        }
        QueueSettings.checkRange("VisibilityTimeout", visibilitySeconds, QueueSettings.MAX_VISIBILITY_TIMEOUT_SECONDS);
    }

    /**
     * Deletes the message received with {@code receiptHandle}; {@code false} when it was already gone.
     *
     * @throws SqsException (ReceiptHandleIsInvalid) for a handle this queue never issued
     */
    public synchronized boolean delete(String receiptHandle) {
        Optional<Entry> entry = entryOf(receiptHandle);
        if (entry.isEmpty()) {
            return false;
        }
        entries.remove(entry.get().sequence);
        histories.get(entry.get().messageId).deleted++;
        return true;
    }

    /**
     * Makes a message in flight visible again after {@code visibilitySeconds} from now (0: at once).
     *
     * @throws SqsException ReceiptHandleIsInvalid for an unknown handle or a deleted message,
     *                      MessageNotInflight for a message that is visible
     */
    public synchronized void changeVisibility(String receiptHandle, int visibilitySeconds, Instant now) {
        QueueSettings.checkRange("VisibilityTimeout", visibilitySeconds, QueueSettings.MAX_VISIBILITY_TIMEOUT_SECONDS);
        Entry entry = entryOf(receiptHandle).orElseThrow(() -> SqsException.receiptHandleIsInvalid(receiptHandle));
        if (entry.receiveCount == 0 || !entry.visibleAt.isAfter(now)) {
            throw SqsException.messageNotInflight();
        }
        entry.visibleAt = now.plusSeconds(visibilitySeconds);
    }

    public synchronized Counts counts(Instant now) {
        int visible = 0;
        int notVisible = 0;
        int delayed = 0;
        for (Entry entry : entries.values()) {
            if (!entry.visibleAt.isAfter(now)) {
                visible++;
            } else if (entry.receiveCount > 0) {
                notVisible++;
            } else {
                delayed++;
            }
        }
        return new Counts(visible, notVisible, delayed);
    }

    /** The next moment after {@code now} a message becomes visible (a visibility timeout or a delay ends). */
    public synchronized Optional<Instant> nextVisibleAt(Instant now) {
        Instant next = null;
        for (Entry entry : entries.values()) {
            if (entry.visibleAt.isAfter(now) && (next == null || entry.visibleAt.isBefore(next))) {
                next = entry.visibleAt;
            }
        }
        return Optional.ofNullable(next);
    }

    /** Deletes every message. */
    public synchronized void purge() {
        for (Entry entry : entries.values()) {
            histories.get(entry.messageId).deleted++;
        }
        entries.clear();
    }

    public synchronized Optional<MessageHistory> history(String messageId) {
        return Optional.ofNullable(histories.get(messageId))
                .map(h -> new MessageHistory(h.copies, h.receives, h.deleted));
    }

    /**
     * The message a receipt handle of this queue points to; empty when it was deleted.
     *
     * @throws SqsException (ReceiptHandleIsInvalid) for a handle this queue never issued
     */
    private Optional<Entry> entryOf(String receiptHandle) {
        long sequence = sequenceOf(receiptHandle);
        Entry entry = entries.get(sequence);
        if (entry == null) {
            if (sequence >= nextSequence) {
                throw SqsException.receiptHandleIsInvalid(receiptHandle);
            }
            return Optional.empty();
        }
        if (!entry.handles.contains(receiptHandle)) {
            throw SqsException.receiptHandleIsInvalid(receiptHandle);
        }
        return Optional.of(entry);
    }

    /** A receipt handle names the queue and the message copy, with a random part: base64url of "queue\nsequence\nrandom". */
    private String handle(Entry entry) {
        String plain = name + "\n" + entry.sequence + "\n" + Long.toHexString(random.nextLong());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private long sequenceOf(String receiptHandle) {
        try {
            String[] parts =
                    new String(Base64.getUrlDecoder().decode(receiptHandle), StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length == 3 && parts[0].equals(name)) {
                return Long.parseLong(parts[1]);
            }
        } catch (IllegalArgumentException e) {
            // not base64, or no number: not a handle of this queue
        }
        throw SqsException.receiptHandleIsInvalid(receiptHandle);
    }

    /** One copy of a message in the queue. */
    private static final class Entry {

        final long sequence;
        final String messageId;
        final String body;
        final String md5OfBody;
        final Map<String, MessageAttribute> attributes;
        final String senderId;
        final Instant sentAt;
        final Set<String> handles = new HashSet<>();
        Instant visibleAt;
        int receiveCount;
        Instant firstReceivedAt;

        Entry(
                long sequence,
                String messageId,
                String body,
                Map<String, MessageAttribute> attributes,
                String senderId,
                Instant sentAt,
                Instant visibleAt) {
            this.sequence = sequence;
            this.messageId = messageId;
            this.body = body;
            this.md5OfBody = MessageDigests.ofBody(body);
            this.attributes = attributes;
            this.senderId = senderId;
            this.sentAt = sentAt;
            this.visibleAt = visibleAt;
        }
    }

    /** Counts per message id, kept after its copies are deleted. */
    private static final class History {

        int copies;
        int receives;
        int deleted;
    }
}
