package com.stack.wallet.wallet.adapters.circle;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.crypto.Cipher;

import com.stack.contracts.chains.EthereumAddress;
import com.stack.contracts.chains.SolanaAddress;
import com.stack.defaults.circle.EntitySecretCipher;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * A test double of Circle's developer-controlled wallets API (the partner sandbox emulates the real thing
 * for the system tests), strict where our adapter could go wrong: it checks the bearer key, decrypts every
 * entity secret ciphertext with its own RSA private key (OAEP, SHA-256, MGF1-SHA-256) and refuses a wrong
 * or reused one, and answers a repeated idempotency key with the same wallet. It can be switched to
 * answer 503 without doing anything (an outage), or to open wallets and answer 503 (a lost answer).
 */
public final class FakeCircle implements AutoCloseable {

    public static final String API_KEY = "TEST_API_KEY:fake-circle:wallet-tests";
    /** Not the default secret, so a test proves the configured one is used. */
    public static final String ENTITY_SECRET_HEX = "66616b652d636972636c652d656e746974792d7365637265742d2d3332627974";

    private static final String BASE = "/circle";

    /** A wallet the fake opened. */
    public record CreatedWallet(String id, String walletSetId, String blockchain, String refId, String address) {}

    private record Answer(int status, Object body) {}

    private record Remembered(Map<String, Object> request, Object data) {}

    private final KeyPair entityKeys;
    private final byte[] entitySecret = HexFormat.of().parseHex(ENTITY_SECRET_HEX);
    private final JsonMapper json = JsonMapper.builder().build();
    private final DisposableServer server;

    private volatile boolean down;
    private volatile boolean losingWalletAnswers;
    private final AtomicInteger unavailableAnswers = new AtomicInteger();
    private final AtomicInteger publicKeyFetches = new AtomicInteger();
    private final List<String> ciphertexts = new CopyOnWriteArrayList<>();
    private final List<String> walletIdempotencyKeys = new CopyOnWriteArrayList<>();
    private final List<CreatedWallet> createdWallets = new CopyOnWriteArrayList<>();
    private final Map<String, String> walletSetNames = new ConcurrentHashMap<>();
    private final Map<String, Remembered> byIdempotencyKey = new ConcurrentHashMap<>();

    public FakeCircle() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            entityKeys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes.get(BASE + CircleWalletClient.PUBLIC_KEY_PATH, this::publicKey)
                        .post(
                                BASE + CircleWalletClient.WALLET_SETS_PATH,
                                (request, response) -> write(request, response, this::createWalletSet, false))
                        .post(
                                BASE + CircleWalletClient.WALLETS_PATH,
                                (request, response) -> write(request, response, this::createWallets, true)))
                .bindNow();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port() + BASE;
    }

    /** Every request answers 503 and changes nothing, until {@link #recover()}. */
    public void goDown() {
        down = true;
    }

    /** Wallets are opened, but answered 503 as if the answer was lost on the way, until {@link #recover()}. */
    public void loseWalletAnswers() {
        losingWalletAnswers = true;
    }

    public void recover() {
        down = false;
        losingWalletAnswers = false;
    }

    /** The wallets opened for {@code refId} (a user id), one per (idempotency key, blockchain). */
    public List<CreatedWallet> walletsOf(String refId) {
        return createdWallets.stream()
                .filter(wallet -> refId.equals(wallet.refId()))
                .toList();
    }

    /** How many wallet creation requests carried the idempotency key (retries included). */
    public long walletRequestsWithKey(String idempotencyKey) {
        return walletIdempotencyKeys.stream().filter(idempotencyKey::equals).count();
    }

    /** Every entity secret ciphertext received, in order. */
    public List<String> ciphertexts() {
        return List.copyOf(ciphertexts);
    }

    public int unavailableAnswers() {
        return unavailableAnswers.get();
    }

    public int publicKeyFetches() {
        return publicKeyFetches.get();
    }

    private Publisher<Void> publicKey(HttpServerRequest request, HttpServerResponse response) {
        if (!authorized(request)) {
            return send(response, new Answer(401, error(401, "Malformed or invalid API key")));
        }
        if (down) {
            return unavailable(response);
        }
        publicKeyFetches.incrementAndGet();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(entityKeys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        return send(response, new Answer(200, Map.of("data", Map.of("publicKey", pem))));
    }

    private Publisher<Void> write(
            HttpServerRequest request,
            HttpServerResponse response,
            Function<Map<String, Object>, Answer> operation,
            boolean opensWallets) {
        if (!authorized(request)) {
            return send(response, new Answer(401, error(401, "Malformed or invalid API key")));
        }
        if (down) {
            return unavailable(response);
        }
        return request.receive()
                .aggregate()
                .asString(StandardCharsets.UTF_8)
                .defaultIfEmpty("{}")
                // RSA decryption draws on SecureRandom (blinding): off the event loop, as in the service
                .publishOn(Schedulers.boundedElastic())
                .map(body -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> fields = json.readValue(body, Map.class);
                    Answer refused = checkCiphertext(fields.get("entitySecretCiphertext"));
                    return refused != null ? refused : operation.apply(fields);
                })
                .flatMap(answer -> opensWallets && losingWalletAnswers && answer.status() < 300
                        ? unavailable(response)
                        : Mono.from(send(response, answer)));
    }

    private Answer checkCiphertext(Object ciphertext) {
        if (!(ciphertext instanceof String encoded)) {
            return validation("entitySecretCiphertext", "is required");
        }
        if (ciphertexts.contains(encoded)) {
            ciphertexts.add(encoded);
            return new Answer(400, error(156017, "entitySecretCiphertext was already used"));
        }
        ciphertexts.add(encoded);
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
            rsa.init(Cipher.DECRYPT_MODE, entityKeys.getPrivate(), EntitySecretCipher.OAEP_SHA256);
            if (Arrays.equals(rsa.doFinal(Base64.getDecoder().decode(encoded)), entitySecret)) {
                return null;
            }
        } catch (GeneralSecurityException | IllegalArgumentException undecryptable) {
            // answered below like a mismatch
        }
        return new Answer(401, error(156016, "Invalid entity secret ciphertext"));
    }

    private synchronized Answer createWalletSet(Map<String, Object> request) {
        Object name = request.get("name");
        if (!(name instanceof String) || !(request.get("idempotencyKey") instanceof String)) {
            return validation(name instanceof String ? "idempotencyKey" : "name", "is required");
        }
        return idempotent(request, () -> {
            String id = UUID.randomUUID().toString();
            walletSetNames.put(id, (String) name);
            Map<String, Object> walletSet = new LinkedHashMap<>();
            walletSet.put("id", id);
            walletSet.put("custodyType", "DEVELOPER");
            walletSet.put("name", name);
            walletSet.put("createDate", Instant.now().toString());
            walletSet.put("updateDate", Instant.now().toString());
            return Map.of("walletSet", walletSet);
        });
    }

    private synchronized Answer createWallets(Map<String, Object> request) {
        if (!(request.get("idempotencyKey") instanceof String key)) {
            return validation("idempotencyKey", "is required");
        }
        walletIdempotencyKeys.add(key);
        Object walletSetId = request.get("walletSetId");
        if (!(walletSetId instanceof String) || !walletSetNames.containsKey(walletSetId)) {
            return new Answer(404, error(156006, "Wallet set not found"));
        }
        if (!(request.get("blockchains") instanceof List<?> blockchains)
                || blockchains.isEmpty()
                || !blockchains.stream()
                        .allMatch(b -> List.of("ETH", "ETH-SEPOLIA", "SOL", "SOL-DEVNET")
                                .contains(b))) {
            return validation("blockchains", "must list supported blockchains");
        }
        if (!List.of("EOA", "SCA").contains(request.get("accountType"))) {
            return validation("accountType", "must be EOA or SCA");
        }
        if (!(request.get("count") instanceof Integer count)
                || count < 1
                || !(request.get("metadata") instanceof List<?> metadata)
                || metadata.size() != count) {
            return validation("metadata", "must have count entries");
        }
        return idempotent(request, () -> {
            List<Map<String, Object>> wallets = new ArrayList<>();
            for (Object blockchain : blockchains) {
                for (Object entry : metadata) {
                    Map<?, ?> tag = (Map<?, ?>) entry;
                    CreatedWallet wallet = new CreatedWallet(
                            UUID.randomUUID().toString(),
                            (String) walletSetId,
                            (String) blockchain,
                            (String) tag.get("refId"),
                            address((String) blockchain));
                    createdWallets.add(wallet);
                    Map<String, Object> described = new LinkedHashMap<>();
                    described.put("id", wallet.id());
                    described.put("state", "LIVE");
                    described.put("walletSetId", wallet.walletSetId());
                    described.put("custodyType", "DEVELOPER");
                    described.put("address", wallet.address());
                    described.put("blockchain", wallet.blockchain());
                    described.put("accountType", request.get("accountType"));
                    described.put("refId", wallet.refId());
                    described.put("name", tag.get("name"));
                    described.put("createDate", Instant.now().toString());
                    described.put("updateDate", Instant.now().toString());
                    wallets.add(described);
                }
            }
            return Map.of("wallets", wallets);
        });
    }

    /** The same key and request (ciphertext aside) get the first answer again (200); a different request 409. */
    private Answer idempotent(Map<String, Object> request, Supplier<Object> create) {
        Map<String, Object> comparable = new LinkedHashMap<>(request);
        comparable.remove("entitySecretCiphertext");
        String key = (String) request.get("idempotencyKey");
        Remembered earlier = byIdempotencyKey.get(key);
        if (earlier != null) {
            return earlier.request().equals(comparable)
                    ? new Answer(200, Map.of("data", earlier.data()))
                    : new Answer(409, error(156018, "idempotency key reused with a different request"));
        }
        Object data = create.get();
        byIdempotencyKey.put(key, new Remembered(comparable, data));
        return new Answer(201, Map.of("data", data));
    }

    private static String address(String blockchain) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (blockchain.startsWith("ETH")) {
            byte[] account = new byte[20];
            random.nextBytes(account);
            return EthereumAddress.checksum(account);
        }
        byte[] publicKey = new byte[32];
        random.nextBytes(publicKey);
        return SolanaAddress.of(publicKey);
    }

    private boolean authorized(HttpServerRequest request) {
        return ("Bearer " + API_KEY).equals(request.requestHeaders().get("Authorization"));
    }

    private Mono<Void> unavailable(HttpServerResponse response) {
        unavailableAnswers.incrementAndGet();
        return Mono.from(send(response, new Answer(503, error(503, "Service temporarily unavailable"))));
    }

    private Publisher<Void> send(HttpServerResponse response, Answer answer) {
        return response.status(answer.status())
                .header("Content-Type", "application/json")
                .sendString(Mono.just(json.writeValueAsString(answer.body())));
    }

    private static Map<String, Object> error(int code, String message) {
        return Map.of("code", code, "message", message);
    }

    private static Answer validation(String field, String problem) {
        return new Answer(
                400,
                Map.of(
                        "code",
                        2,
                        "message",
                        "Invalid request",
                        "errors",
                        List.of(Map.of("error", "invalid", "location", field, "message", field + " " + problem))));
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
