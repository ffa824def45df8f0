package com.stack.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.awaitility.Awaitility;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A webhook receiver for tests: a Reactor Netty server on a loopback port that records every
 * request (path, headers, raw body bytes) and answers 200, or the statuses a test scripted for a path.
 */
public final class CallbackReceiver implements AutoCloseable {

    /** One request as it arrived. Header names are lower case. */
    public record Received(String method, String path, Map<String, String> headers, byte[] body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final Map<String, Queue<Received>> received = new ConcurrentHashMap<>();
    private final Map<String, Queue<Integer>> scripted = new ConcurrentHashMap<>();
    private final DisposableServer server;

    public CallbackReceiver() {
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle((request, response) -> request.receive()
                        .aggregate()
                        .asByteArray()
                        .defaultIfEmpty(new byte[0])
                        .flatMap(body -> {
                            String uri = request.uri();
                            String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
                            Map<String, String> headers = new LinkedHashMap<>();
                            request.requestHeaders()
                                    .forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
                            received.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>())
                                    .add(new Received(request.method().name(), path, headers, body));
                            Integer status = scripted.getOrDefault(path, new ConcurrentLinkedQueue<>())
                                    .poll();
                            return response.status(status == null ? 200 : status)
                                    .send()
                                    .then();
                        })
                        .then(Mono.empty()))
                .bindNow();
    }

    /** A URL of its own for one test; its requests are recorded under {@code name}. */
    public String url(String name) {
        return "http://127.0.0.1:" + server.port() + path(name);
    }

    /** Answer the next requests to {@code name} with these statuses, then 200 again. */
    public void answer(String name, int... statuses) {
        Queue<Integer> queue = scripted.computeIfAbsent(path(name), p -> new ConcurrentLinkedQueue<>());
        for (int status : statuses) {
            queue.add(status);
        }
    }

    /** Waits (up to 10 seconds) until at least {@code count} requests reached {@code name}; returns them all. */
    public List<Received> awaitRequests(String name, int count) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> requests(name).size() >= count);
        return requests(name);
    }

    /** Waits (up to 10 seconds) until at least {@code count} POSTs reached {@code name}; returns them all. */
    public List<Received> awaitPosts(String name, int count) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> posts(name).size() >= count);
        return posts(name);
    }

    /** The POSTs that reached {@code name} (a webhook's deliveries, without a subscription's HEAD check). */
    public List<Received> posts(String name) {
        return requests(name).stream()
                .filter(request -> "POST".equals(request.method()))
                .toList();
    }

    public List<Received> requests(String name) {
        return new ArrayList<>(received.getOrDefault(path(name), new ConcurrentLinkedQueue<>()));
    }

    private static String path(String name) {
        return "/callbacks/" + name;
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
