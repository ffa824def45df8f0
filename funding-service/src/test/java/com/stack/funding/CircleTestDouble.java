package com.stack.funding;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Circle, as far as its webhook signatures go: P-256 signing keys generated here, their public halves
 * served from {@code GET /v2/notifications/publicKey/{keyId}} in Circle's format (with a count of
 * requests per key id), and bodies signed exactly as Circle signs them (ECDSA P-256 SHA-256 over the raw
 * bytes, DER, base64). A key id can be made to fail with 503, like Circle having an outage.
 */
public final class CircleTestDouble implements AutoCloseable {

    public static final String API_KEY = "TEST_API_KEY:funding-tests:secret";

    private final Map<String, KeyPair> keys = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final DisposableServer server;

    public CircleTestDouble() {
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes.get("/v2/notifications/publicKey/{keyId}", (request, response) -> {
                            String keyId = request.param("keyId");
                            requests.computeIfAbsent(keyId, id -> new AtomicInteger())
                                    .incrementAndGet();
                            if (!("Bearer " + API_KEY)
                                    .equals(request.requestHeaders().get("Authorization"))) {
                                return json(
                                        response.status(HttpResponseStatus.UNAUTHORIZED),
                                        "{\"code\":401,\"message\":\"Malformed key.\"}");
                            }
                            if (failing.contains(keyId)) {
                                return json(
                                        response.status(HttpResponseStatus.SERVICE_UNAVAILABLE),
                                        "{\"code\":-1,\"message\":\"Something went wrong.\"}");
                            }
                            KeyPair pair = keys.get(keyId);
                            if (pair == null) {
                                return json(
                                        response.status(HttpResponseStatus.NOT_FOUND),
                                        "{\"code\":2,\"message\":\"Not found.\"}");
                            }
                            String spki = Base64.getEncoder()
                                    .encodeToString(pair.getPublic().getEncoded());
                            return json(response.status(HttpResponseStatus.OK), """
                            {"data":{"id":"%s","algorithm":"ECDSA_SHA_256","publicKey":"%s","createDate":"2026-01-01T00:00:00Z"}}""".formatted(keyId, spki));
                        })
                        .post(
                                PAYOUTS,
                                (request, response) -> request.receive()
                                        .aggregate()
                                        .asString()
                                        .flatMap(body -> Mono.just(createPayout(
                                                request.requestHeaders().get("Authorization"), body)))
                                        .flatMap(answer ->
                                                Mono.from(json(response.status(answer.status()), answer.body())))
                                        .then())
                        .get(PAYOUTS + "/{id}", (request, response) -> {
                            Payout payout = payoutsById.get(request.param("id"));
                            return payout == null
                                    ? json(
                                            response.status(HttpResponseStatus.NOT_FOUND),
                                            "{\"code\":2,\"message\":\"Not found.\"}")
                                    : json(response.status(HttpResponseStatus.OK), payout.json());
                        }))
                .bindNow();
    }

    // --- payouts (Circle Mint): POST/GET /v1/businessAccount/payouts ---

    public static final String PAYOUTS = "/v1/businessAccount/payouts";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A payout Circle made, with the request that made it. */
    public record Payout(String id, String idempotencyKey, String amount, JsonNode request) {

        String json() {
            return """
                    {"data":{"id":"%s","sourceWalletId":"%s","destination":{"type":"wire","id":"%s"},\
                    "amount":{"amount":"%s","currency":"USD"},"fees":{"amount":"25.00","currency":"USD"},\
                    "status":"pending","createDate":"2026-01-01T00:00:00Z","updateDate":"2026-01-01T00:00:00Z"}}""".formatted(
                            id,
                            request.path("source").path("id").asString(),
                            request.path("destination").path("id").asString(),
                            amount);
        }
    }

    private record Answer(HttpResponseStatus status, String body) {}

    private final java.util.List<JsonNode> payoutRequests = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, Payout> payoutsByKey = new ConcurrentHashMap<>();
    private final Map<String, Payout> payoutsById = new ConcurrentHashMap<>();
    private final AtomicInteger unavailableAnswers = new AtomicInteger();
    private volatile boolean refusingPayouts;

    /**
     * Like Circle: the same idempotency key returns the payout made the first time (and makes no other);
     * answers 503 while {@link #answerPayouts503(int)} calls are left, 400 while refusing.
     */
    private synchronized Answer createPayout(String authorization, String body) {
        JsonNode request = JSON.readTree(body);
        payoutRequests.add(request);
        if (!("Bearer " + API_KEY).equals(authorization)) {
            return new Answer(HttpResponseStatus.UNAUTHORIZED, "{\"code\":401,\"message\":\"Malformed key.\"}");
        }
        if (unavailableAnswers.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            return new Answer(
                    HttpResponseStatus.SERVICE_UNAVAILABLE, "{\"code\":-1,\"message\":\"Something went wrong.\"}");
        }
        if (refusingPayouts) {
            return new Answer(
                    HttpResponseStatus.BAD_REQUEST,
                    "{\"code\":5000,\"message\":\"Destination bank account not found.\"}");
        }
        String key = request.path("idempotencyKey").asString();
        Payout payout = payoutsByKey.computeIfAbsent(
                key,
                k -> new Payout(
                        payoutIdFor(k), k, request.path("amount").path("amount").asString(), request));
        payoutsById.put(payout.id(), payout);
        return new Answer(HttpResponseStatus.CREATED, payout.json());
    }

    /** The payout id this double gives the payout made under {@code idempotencyKey}. */
    public static String payoutIdFor(String idempotencyKey) {
        return UUID.nameUUIDFromBytes(("payout:" + idempotencyKey).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** Every payout request received, in order, retries included. */
    public java.util.List<JsonNode> payoutRequests(String idempotencyKey) {
        return payoutRequests.stream()
                .filter(r -> idempotencyKey.equals(r.path("idempotencyKey").asString()))
                .toList();
    }

    /** The payouts made under the key: 0 or 1. */
    public int payoutsMade(String idempotencyKey) {
        return payoutsByKey.containsKey(idempotencyKey) ? 1 : 0;
    }

    public Payout payout(String idempotencyKey) {
        return payoutsByKey.get(idempotencyKey);
    }

    /** The next {@code count} payout requests are answered 503, like Circle having an outage. */
    public void answerPayouts503(int count) {
        unavailableAnswers.set(count);
    }

    /** While true, payout requests are refused with 400 (a validation error: for good). */
    public void refusePayouts(boolean refuse) {
        refusingPayouts = refuse;
    }

    private static Publisher<Void> json(HttpServerResponse response, String body) {
        return response.header("Content-Type", "application/json").sendString(Mono.just(body));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** A new signing key Circle serves under the returned id. */
    public String newKey() {
        String keyId = UUID.randomUUID().toString();
        keys.put(keyId, generate());
        return keyId;
    }

    /** A key pair Circle does not know: signatures made with it are forgeries. */
    public static KeyPair strangerKey() {
        return generate();
    }

    public KeyPair key(String keyId) {
        return keys.get(keyId);
    }

    public int requestsFor(String keyId) {
        AtomicInteger count = requests.get(keyId);
        return count == null ? 0 : count.get();
    }

    public void failFor(String keyId, boolean fail) {
        if (fail) {
            failing.add(keyId);
        } else {
            failing.remove(keyId);
        }
    }

    /** The {@code X-Circle-Signature} of {@code body} under Circle's key {@code keyId}. */
    public String sign(String keyId, String body) {
        return sign(keys.get(keyId), body);
    }

    public static String sign(KeyPair key, String body) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(key.getPrivate());
            signer.update(body.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
