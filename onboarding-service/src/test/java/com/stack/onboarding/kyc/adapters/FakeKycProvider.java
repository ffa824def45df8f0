package com.stack.onboarding.kyc.adapters;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A test double of the KYC partner, speaking its {@code POST /v1/applicants} as the contract says
 * (bearer key, Idempotency-Key: same key and body give the same applicant, another body 422). It
 * records every request and can be told to fail a user's next calls or to assign a chosen applicant
 * id. Decisions are not sent from here: tests post signed callbacks themselves, so they control
 * timing, duplicates and forgeries. (The partner sandbox is exercised in the system tests.)
 */
public final class FakeKycProvider implements AutoCloseable {

    public static final String API_KEY = "kyc_test_key";
    /** For {@link #failNext}: no answer at all, until the client gives up. */
    public static final int HANG = 0;

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

    /** One request as the provider received it. */
    public record Received(String authorization, String idempotencyKey, Map<String, Object> body) {

        public String externalUserId() {
            return String.valueOf(body.get("externalUserId"));
        }
    }

    private record Answer(int status, String body) {}

    private record Created(Map<String, Object> body, String applicantId, String createdAt) {}

    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Created> byKey = new ConcurrentHashMap<>();
    private final Map<String, Deque<Integer>> failures = new ConcurrentHashMap<>();
    private final Map<String, String> assignedApplicantIds = new ConcurrentHashMap<>();
    private final DisposableServer server;

    public FakeKycProvider() {
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes.post(
                        "/kyc/v1/applicants",
                        (request, response) -> request.receive()
                                .aggregate()
                                .asString(StandardCharsets.UTF_8)
                                .defaultIfEmpty("")
                                .flatMap(body -> {
                                    Answer answer = answer(request, body);
                                    if (answer.status() == HANG) {
                                        return Mono.never();
                                    }
                                    return response.status(answer.status())
                                            .header("Content-Type", "application/json")
                                            .sendString(Mono.just(answer.body()))
                                            .then();
                                })))
                .bindNow();
    }

    /** The base URL to configure as {@code stack.kyc.base-url}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/kyc";
    }

    /** The user's next {@code statuses.length} calls are answered with these statuses, in order. */
    public void failNext(UUID userId, int... statuses) {
        Deque<Integer> queue = failures.computeIfAbsent(userId.toString(), id -> new ArrayDeque<>());
        synchronized (queue) {
            for (int status : statuses) {
                queue.add(status);
            }
        }
    }

    /** The user's next new applicant gets this id (to let a callback arrive before the submission). */
    public void assignApplicantId(UUID userId, String applicantId) {
        assignedApplicantIds.put(userId.toString(), applicantId);
    }

    public List<Received> requestsFor(UUID userId) {
        return received.stream()
                .filter(r -> r.externalUserId().equals(userId.toString()))
                .toList();
    }

    public static String newApplicantId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("kyc_app_%016x%016x", random.nextLong(), random.nextLong());
    }

    private Answer answer(HttpServerRequest request, String rawBody) {
        Map<String, Object> body = rawBody.isEmpty() ? Map.of() : json.readValue(rawBody, JSON_OBJECT);
        String key = request.requestHeaders().get("Idempotency-Key");
        received.add(new Received(request.requestHeaders().get("Authorization"), key, body));
        if (!("Bearer " + API_KEY).equals(request.requestHeaders().get("Authorization"))) {
            return new Answer(401, "{\"error\":\"unauthorized\",\"message\":\"bad api key\"}");
        }
        if (key == null || key.isBlank() || key.length() > 128) {
            return new Answer(
                    400,
                    "{\"error\":\"invalid_request\",\"message\":\"Idempotency-Key required\",\"field\":\"Idempotency-Key\"}");
        }
        Deque<Integer> queue = failures.get(String.valueOf(body.get("externalUserId")));
        if (queue != null) {
            Integer status;
            synchronized (queue) {
                status = queue.poll();
            }
            if (status != null) {
                return new Answer(status, "{\"error\":\"unavailable\",\"message\":\"injected failure\"}");
            }
        }
        String userId = String.valueOf(body.get("externalUserId"));
        Created fresh = new Created(
                body,
                assignedApplicantIds.getOrDefault(userId, newApplicantId()),
                Instant.now().toString());
        Created existing = byKey.putIfAbsent(key, fresh);
        if (existing == null) {
            assignedApplicantIds.remove(userId);
        } else if (!existing.body().equals(body)) {
            return new Answer(422, "{\"error\":\"idempotency_key_reused\",\"message\":\"different body\"}");
        }
        Created created = existing == null ? fresh : existing;
        return new Answer(
                existing == null ? 201 : 200,
                json.writeValueAsString(Map.of(
                        "applicantId",
                        created.applicantId(),
                        "externalUserId",
                        userId,
                        "status",
                        "pending",
                        "createdAt",
                        created.createdAt())));
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
