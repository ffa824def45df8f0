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
        server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.get("/v2/notifications/publicKey/{keyId}", (request, response) -> {
                    String keyId = request.param("keyId");
                    requests.computeIfAbsent(keyId, id -> new AtomicInteger()).incrementAndGet();
                    if (!("Bearer " + API_KEY).equals(request.requestHeaders().get("Authorization"))) {
                        return json(response.status(HttpResponseStatus.UNAUTHORIZED), "{\"code\":401,\"message\":\"Malformed key.\"}");
                    }
                    if (failing.contains(keyId)) {
                        return json(response.status(HttpResponseStatus.SERVICE_UNAVAILABLE),
                                "{\"code\":-1,\"message\":\"Something went wrong.\"}");
                    }
                    KeyPair pair = keys.get(keyId);
                    if (pair == null) {
                        return json(response.status(HttpResponseStatus.NOT_FOUND), "{\"code\":2,\"message\":\"Not found.\"}");
                    }
                    String spki = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
                    return json(response.status(HttpResponseStatus.OK), """
                            {"data":{"id":"%s","algorithm":"ECDSA_SHA_256","publicKey":"%s","createDate":"2026-01-01T00:00:00Z"}}"""
                            .formatted(keyId, spki));
                }))
                .bindNow();
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
