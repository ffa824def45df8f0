package com.stack.sandbox.sqs.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class StandardQueueTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    final StandardQueue queue = new StandardQueue("events", QueueSettings.DEFAULTS, T0, new Random(7));

    @Test
    void aReceivedMessageIsInvisibleForItsVisibilityTimeoutThenComesBackWithANewHandle() {
        queue.send("m1", "body", Map.of(), null, "sender", T0);

        StandardQueue.Received first = queue.receive(10, 30, T0).get(0);
        assertThat(first.receiveCount()).isEqualTo(1);
        assertThat(queue.receive(10, 30, T0.plusSeconds(29))).isEmpty();
        assertThat(queue.counts(T0.plusSeconds(29))).isEqualTo(new StandardQueue.Counts(0, 1, 0));
        assertThat(queue.nextVisibleAt(T0)).contains(T0.plusSeconds(30));

        StandardQueue.Received again = queue.receive(10, 30, T0.plusSeconds(30)).get(0);
        assertThat(again.messageId()).isEqualTo("m1");
        assertThat(again.receiveCount()).isEqualTo(2);
        assertThat(again.firstReceiveTimestamp()).isEqualTo(T0);
        assertThat(again.receiptHandle()).isNotEqualTo(first.receiptHandle());
    }

    @Test
    void anyHandleTheMessageWasReceivedWithDeletesItAndDeletingAgainIsAccepted() {
        queue.send("m1", "body", Map.of(), null, "sender", T0);
        String stale = queue.receive(1, 0, T0).get(0).receiptHandle();
        queue.receive(1, 30, T0);

        assertThat(queue.delete(stale)).isTrue();
        assertThat(queue.delete(stale)).isFalse();
        assertThat(queue.counts(T0)).isEqualTo(new StandardQueue.Counts(0, 0, 0));
        assertThat(queue.history("m1")).contains(new StandardQueue.MessageHistory(1, 2, 1));
    }

    @Test
    void aHandleTheQueueNeverIssuedIsInvalid() {
        queue.send("m1", "body", Map.of(), null, "sender", T0);
        String handle = queue.receive(1, 30, T0).get(0).receiptHandle();
        StandardQueue other = new StandardQueue("other", QueueSettings.DEFAULTS, T0, new Random(1));

        assertThatThrownBy(() -> queue.delete("garbage"))
                .isInstanceOf(SqsException.class)
                .extracting(e -> ((SqsException) e).code())
                .isEqualTo("ReceiptHandleIsInvalid");
        assertThatThrownBy(() -> other.delete(handle)).isInstanceOf(SqsException.class);
    }

    @Test
    void aDuplicateIsASecondCopyReceivedAndDeletedApart() {
        queue.send("m1", "body", Map.of(), null, "sender", T0);
        queue.send("m1", "body", Map.of(), null, "sender", T0);

        List<StandardQueue.Received> both = queue.receive(10, 30, T0);
        assertThat(both).extracting(StandardQueue.Received::messageId).containsExactly("m1", "m1");
        queue.delete(both.get(0).receiptHandle());
        assertThat(queue.counts(T0)).isEqualTo(new StandardQueue.Counts(0, 1, 0));
        assertThat(queue.history("m1")).contains(new StandardQueue.MessageHistory(2, 2, 1));
    }

    @Test
    void aDelayedMessageIsCountedApartUntilItIsVisible() {
        queue.send("m1", "body", Map.of(), 5, "sender", T0);
        assertThat(queue.receive(10, 30, T0.plusSeconds(4))).isEmpty();
        assertThat(queue.counts(T0)).isEqualTo(new StandardQueue.Counts(0, 0, 1));
        assertThat(queue.receive(10, 30, T0.plusSeconds(5))).hasSize(1);
    }

    @Test
    void changingTheVisibilityOfAMessageNotInFlightIsRefused() {
        queue.send("m1", "body", Map.of(), null, "sender", T0);
        String handle = queue.receive(1, 30, T0).get(0).receiptHandle();
        queue.changeVisibility(handle, 0, T0);
        assertThat(queue.counts(T0).visible()).isEqualTo(1);
        assertThatThrownBy(() -> queue.changeVisibility(handle, 10, T0))
                .isInstanceOf(SqsException.class)
                .extracting(e -> ((SqsException) e).code())
                .isEqualTo("MessageNotInflight");
    }

    @Test
    void limitsAreSqsLimits() {
        assertThatThrownBy(() -> queue.receive(0, 30, T0)).isInstanceOf(SqsException.class);
        assertThatThrownBy(() -> queue.receive(11, 30, T0)).isInstanceOf(SqsException.class);
        assertThatThrownBy(() -> queue.receive(1, 43_201, T0)).isInstanceOf(SqsException.class);
        assertThatThrownBy(() -> queue.send("m", "", Map.of(), null, "s", T0)).isInstanceOf(SqsException.class);
        assertThatThrownBy(() -> queue.send("m", "x", Map.of(), 901, "s", T0)).isInstanceOf(SqsException.class);
    }

    @Test
    void theBodyDigestIsTheHexMd5OfItsUtf8Bytes() {
        assertThat(MessageDigests.ofBody("hello")).isEqualTo("5d41402abc4b2a76b9719d911017c592");
        assertThat(queue.send("m1", "hello", Map.of(), null, "s", T0).md5OfMessageBody())
                .isEqualTo("5d41402abc4b2a76b9719d911017c592");
    }
}
