package com.stack.sandbox.alpaca;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A raw connection to an event stream, as a consumer reads it: every frame (the text between blank
 * lines) as it arrives, comments included, on a Reactor Netty client of the test's own.
 */
final class EventStreamConnection implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Queue<String> frames = new ConcurrentLinkedQueue<>();
    private final AtomicInteger status = new AtomicInteger();
    private final Disposable subscription;

    EventStreamConnection(String url, String authorization) {
        StringBuilder carry = new StringBuilder();
        // a connection of its own, closed with the stream: a pooled one, handed back mid-stream, would
        // leave the next request of another client waiting behind an endless response
        subscription = HttpClient.newConnection()
                .headers(headers -> headers.set("Authorization", authorization).set("Accept", "text/event-stream"))
                .get()
                .uri(url)
                .response((response, body) -> {
                    status.set(response.status().code());
                    return body.asString();
                })
                .concatMapIterable(chunk -> {
                    carry.append(chunk);
                    List<String> complete = new ArrayList<>();
                    for (int end = carry.indexOf("\n\n"); end >= 0; end = carry.indexOf("\n\n")) {
                        complete.add(carry.substring(0, end));
                        carry.delete(0, end + 2);
                    }
                    return complete;
                })
                .subscribe(frames::add);
    }

    int status() {
        return status.get();
    }

    List<String> frames() {
        return new ArrayList<>(frames);
    }

    /** The events received, in order, parsed. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> events() {
        return frames().stream()
                .filter(frame -> frame.startsWith("data: "))
                .map(frame -> (Map<String, Object>) JSON.readValue(frame.substring("data: ".length()), Map.class))
                .toList();
    }

    /** The events of one journal received, in order. */
    List<Map<String, Object>> events(String journalId) {
        return events("journal_id", journalId);
    }

    /** The events whose {@code field} is {@code value} (such as one transfer's), in order. */
    List<Map<String, Object>> events(String field, String value) {
        return events().stream().filter(event -> value.equals(event.get(field))).toList();
    }

    List<Map<String, Object>> awaitEvents(String journalId, int count) {
        return awaitEvents("journal_id", journalId, count);
    }

    List<Map<String, Object>> awaitEvents(String field, String value, int count) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> events(field, value).size() >= count);
        return events(field, value);
    }

    /** Waits for the first frame: from then on the server streams to this connection. */
    EventStreamConnection awaitConnected() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> !frames.isEmpty());
        return this;
    }

    @Override
    public void close() {
        subscription.dispose();
    }
}
