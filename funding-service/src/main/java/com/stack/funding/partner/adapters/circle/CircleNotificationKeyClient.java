package com.stack.funding.partner.adapters.circle;

import java.security.PublicKey;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.stack.contracts.events.EventIds;
import com.stack.defaults.resilience.PartnerResilience;
import com.stack.funding.inbox.app.CircleNotificationKeys;
import com.stack.funding.inbox.domain.WebhookSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Circle's notification signing keys from {@code GET /v2/notifications/publicKey/{keyId}}, cached by
 * id for the life of the process (Circle introduces a new key under a new id; a key id's key never
 * changes). Concurrent requests for a key not yet cached share one fetch; a failed fetch is not
 * cached, so the next notification asks again. Each fetch runs under a timeout per attempt, a circuit
 * breaker and retries with backoff (a read, so safe to repeat); only transient failures are retried
 * and counted by the breaker. Answers are translated here into {@link CircleNotificationKeys}'s errors.
 *
 * <p>The key id comes from an unauthenticated request, and each lookup is an authenticated Circle call: a key id
 * Circle does not have is remembered as unknown for {@code stack.circle.unknown-key-ttl} (refused without asking),
 * and at most {@code stack.circle.key-lookups-per-minute} key ids not seen before are looked up per minute; over
 * that, {@link KeyLookupsLimitedException} without a call. Since only looked-up ids are remembered as unknown,
 * the bound on lookups also bounds that memory (at most the lookups of one time-to-live).
 */
public class CircleNotificationKeyClient implements CircleNotificationKeys {

    static final String PUBLIC_KEY_PATH = "/v2/notifications/publicKey/{keyId}";
    static final String ALGORITHM = "ECDSA_SHA_256";

    private static final Logger log = LoggerFactory.getLogger(CircleNotificationKeyClient.class);
    /** Key ids are UUIDs at Circle; anything unlike an id is refused without asking (and never reaches a URL). */
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final WebClient web;
    private final PartnerResilience resilience;
    private final Map<String, Mono<PublicKey>> keys = new ConcurrentHashMap<>();
    /** key ids Circle does not have, to when ({@link System#nanoTime()}) that stops being believed */
    private final Map<String, Long> unknownUntil = new ConcurrentHashMap<>();

    private final long unknownKeyTtlNanos;
    private final KeyLookupBudget newKeyLookups;
    private final int keyLookupsPerMinute;

    public CircleNotificationKeyClient(WebClient.Builder webClients, CircleProperties properties) {
        this.unknownKeyTtlNanos = properties.unknownKeyTtl().toNanos();
        this.keyLookupsPerMinute = properties.keyLookupsPerMinute();
        this.newKeyLookups = new KeyLookupBudget(keyLookupsPerMinute, Duration.ofMinutes(1), System::nanoTime);
        this.web = webClients
                .clone()
                .baseUrl(properties.notificationsBaseUrl().toString())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.apiKey())
                .build();
        this.resilience = new PartnerResilience(
                "circle-notification-keys",
                properties.resilience(),
                CircleNotificationKeyClient::isTransient,
                e -> e instanceof UnknownKeyException || e instanceof KeysUnavailableException);
    }

    @Override
    public Mono<PublicKey> publicKey(String keyId) {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            return Mono.error(new UnknownKeyException("Not a Circle key id"));
        }
        return Mono.defer(() -> {
            Mono<PublicKey> known = keys.get(keyId);
            if (known != null) {
                return known;
            }
            if (knownUnknown(keyId)) {
                return Mono.error(new UnknownKeyException("Circle has no notification key " + keyId
                        + " (asked within the last " + Duration.ofNanos(unknownKeyTtlNanos) + ")"));
            }
            Duration retryAfter = newKeyLookups.take();
            if (!retryAfter.isZero()) {
                // the endpoint logs the refusal, once per delivery
                return Mono.error(new KeyLookupsLimitedException(
                        "Key ids not seen before are looked up at most " + keyLookupsPerMinute
                                + " times a minute; not looking up " + keyId,
                        retryAfter));
            }
            return keys.computeIfAbsent(keyId, this::fetchOnce);
        });
    }

    private boolean knownUnknown(String keyId) {
        Long until = unknownUntil.get(keyId);
        if (until == null) {
            return false;
        }
        if (System.nanoTime() - until < 0) {
            return true;
        }
        unknownUntil.remove(keyId, until);
        return false;
    }

    private void rememberUnknown(String keyId) {
        long now = System.nanoTime();
        unknownUntil.values().removeIf(until -> now - until >= 0);
        unknownUntil.put(keyId, now + unknownKeyTtlNanos);
    }

    /** One shared fetch of the key, kept when it succeeds and dropped from the cache when it fails. */
    private Mono<PublicKey> fetchOnce(String keyId) {
        AtomicReference<Mono<PublicKey>> self = new AtomicReference<>();
        Mono<PublicKey> fetch = resilient(keyId, fetch(keyId))
                .doOnError(e -> {
                    keys.remove(keyId, self.get());
                    if (e instanceof UnknownKeyException) {
                        rememberUnknown(keyId);
                    }
                })
                .cache();
        self.set(fetch);
        return fetch;
    }

    private Mono<PublicKey> fetch(String keyId) {
        return web.get()
                .uri(PUBLIC_KEY_PATH, keyId)
                .accept(MediaType.APPLICATION_JSON)
                .header("X-Request-Id", EventIds.next().toString())
                .retrieve()
                .onStatus(status -> !status.is2xxSuccessful(), response -> translate(keyId, response))
                .bodyToMono(KeyAnswer.class)
                .switchIfEmpty(Mono.error(() ->
                        new KeysUnavailableException("Circle answered key " + keyId + " with no body", false, null)))
                // parsing loads key factories on first use: kept off the event loop
                .publishOn(Schedulers.boundedElastic())
                .map(answer -> parse(keyId, answer))
                .doOnNext(key -> log.info("Fetched Circle notification key {}", keyId));
    }

    private static Mono<? extends Throwable> translate(String keyId, ClientResponse response) {
        int status = response.statusCode().value();
        return response.releaseBody().then(Mono.fromSupplier(() -> {
            if (status == HttpStatus.NOT_FOUND.value()) {
                return new UnknownKeyException("Circle has no notification key " + keyId);
            }
            boolean retryable = status >= 500 || status == HttpStatus.TOO_MANY_REQUESTS.value();
            // a 401/403 means our API key is wrong: logged loudly, since no notification can be checked
            if (!retryable) {
                log.error("Circle refused to serve notification key {}: HTTP {}", keyId, status);
            }
            return new KeysUnavailableException(
                    "Fetching Circle notification key " + keyId + " failed: HTTP " + status, retryable, null);
        }));
    }

    private static PublicKey parse(String keyId, KeyAnswer answer) {
        KeyData data = answer.data();
        if (data == null
                || data.publicKey() == null
                || !ALGORITHM.equals(data.algorithm())
                || (data.id() != null && !data.id().equals(keyId))) {
            throw new KeysUnavailableException(
                    "Circle answered key " + keyId + " without an " + ALGORITHM + " public key of that id",
                    false,
                    null);
        }
        try {
            return WebhookSignature.p256PublicKey(data.publicKey());
        } catch (IllegalArgumentException e) {
            throw new KeysUnavailableException("Circle's key " + keyId + " is not a P-256 public key", false, e);
        }
    }

    /** Timeout per attempt, breaker, retries of transient failures; what leaves here is one of the port's errors. */
    private Mono<PublicKey> resilient(String keyId, Mono<PublicKey> attempt) {
        return resilience.call(
                attempt,
                e -> new KeysUnavailableException(
                        "Fetching Circle notification key " + keyId + " failed: "
                                + e.getClass().getSimpleName(),
                        true,
                        e),
                e -> new KeysUnavailableException(
                        "Not fetching Circle notification key " + keyId
                                + ": Circle is failing repeatedly (circuit open)",
                        false,
                        e));
    }

    private static boolean isTransient(Throwable e) {
        return e instanceof KeysUnavailableException unavailable && unavailable.isTransient();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record KeyAnswer(KeyData data) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record KeyData(String id, String algorithm, String publicKey, String createDate) {}
}
