package com.stack.sandbox.alpaca.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import com.stack.sandbox.alpaca.app.EventStream.Comment;
import com.stack.sandbox.alpaca.app.EventStream.Event;
import com.stack.sandbox.alpaca.app.EventStream.Message;
import com.stack.sandbox.alpaca.domain.JournalEvent;
import com.stack.sandbox.faults.app.Faults;
import com.stack.sandbox.faults.domain.FaultSpec;
import com.stack.sandbox.partners.EmulatedPartner;
import com.stack.sandbox.partners.EmulatedPartners;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatusCode;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class JournalEventStreamTest {

    static final Duration HEARTBEAT = Duration.ofMillis(50);
    static final Comment BEAT = new Comment(JournalEventStream.HEARTBEAT);

    final JournalEvents events = new JournalEvents();
    final Faults faults = new Faults(new EmulatedPartners(
            List.of(new EmulatedPartner("alpaca", "/alpaca", "key", new EmulatedPartner.ErrorFormat() {

                @Override
                public Object unauthorized(String message) {
                    return message;
                }

                @Override
                public Object failure(HttpStatusCode status) {
                    return status;
                }
            }))));
    final JournalEventStream stream = new JournalEventStream(events, faults, HEARTBEAT);

    @Test
    void aConnectionBeatsAtOnceAndThenEveryInterval() {
        StepVerifier.create(stream.messages(null, null).take(3))
                .expectNext(BEAT, BEAT, BEAT)
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void sinceIdReplaysWhatCameAfterItAndUntilIdEndsTheStream() {
        JournalEvent first = events.append("j1", "", "queued");
        JournalEvent second = events.append("j1", "queued", "sent_to_clearing");
        JournalEvent third = events.append("j1", "sent_to_clearing", "executed");
        events.append("j2", "", "queued");

        assertThat(List.of(first, second, third))
                .extracting(JournalEvent::eventId)
                .isSorted();
        List<Message> replayed = stream.messages(first.eventId(), third.eventId())
                .filter(message -> message instanceof Event)
                .collectList()
                .block(Duration.ofSeconds(5));
        assertThat(replayed).containsExactly(new Event(second), new Event(third));
    }

    @Test
    void withoutSinceIdOnlyLiveEventsComeInOrder() {
        events.append("old", "", "queued");
        Flux<Message> live = stream.messages(null, null)
                .filter(message -> message instanceof Event)
                .take(2);

        StepVerifier.create(live)
                .then(() -> events.append("new", "", "queued"))
                .assertNext(message -> assertThat(((JournalEvent) ((Event) message).event()).journalId())
                        .isEqualTo("new"))
                .then(() -> events.append("new", "queued", "sent_to_clearing"))
                .assertNext(message -> assertThat(((JournalEvent) ((Event) message).event()).statusTo())
                        .isEqualTo("sent_to_clearing"))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aReorderedEventIsHeldUntilTheNextHeartbeatWhenNoEventFollows() {
        faults.add(new FaultSpec(
                "alpaca", null, null, null, null, null, null, null, 1, JournalEventStream.DELIVERY, "reorder"));
        StepVerifier.create(stream.messages(null, null).take(3))
                .expectNext(BEAT)
                .then(() -> events.append("held", "", "queued"))
                .assertNext(message -> assertThat(((JournalEvent) ((Event) message).event()).journalId())
                        .isEqualTo("held"))
                .expectNext(BEAT)
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }
}
