package com.stack.funding.partner.adapters.circle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import com.stack.funding.CircleTestDouble;
import com.stack.funding.inbox.app.CircleNotificationKeys;
import com.stack.funding.inbox.domain.WebhookSignature;
import com.stack.funding.partner.adapters.PartnerSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Looking up Circle's webhook keys, against a Circle double that counts the lookups it serves: key ids come from
 * unauthenticated requests, so the lookups of ids not seen before are bounded and ids Circle does not have are
 * not asked for again for a while.
 */
class CircleNotificationKeyClientTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    final CircleTestDouble circle = new CircleTestDouble();

    @AfterEach
    void stop() {
        circle.close();
    }

    CircleNotificationKeyClient client(int lookupsPerMinute, String unknownKeyTtl) {
        return new CircleNotificationKeyClient(
                WebClient.builder(),
                PartnerSandbox.properties(
                        "stack.circle",
                        CircleProperties.class,
                        Map.of(
                                "stack.circle.notifications-base-url",
                                circle.baseUrl(),
                                "stack.circle.api-key",
                                CircleTestDouble.API_KEY,
                                "stack.circle.key-lookups-per-minute",
                                Integer.toString(lookupsPerMinute),
                                "stack.circle.unknown-key-ttl",
                                unknownKeyTtl)));
    }

    /** How many of the key ids Circle was asked for (a lookup that timed out on a slow machine is tried again). */
    long askedFor(List<String> keyIds) {
        return keyIds.stream().filter(keyId -> circle.requestsFor(keyId) > 0).count();
    }

    @Test
    void fiftyRandomKeyIdsMakeAtMostTheBoundedNumberOfCircleCallsAndAGenuineKeyStillVerifies() {
        CircleNotificationKeyClient keys = client(5, "10m");
        String genuine = circle.newKey();
        assertThat(keys.publicKey(genuine).block(TIMEOUT)).isNotNull();
        int genuineLookups = circle.requestsFor(genuine);

        List<String> forged = IntStream.range(0, 50)
                .mapToObj(i -> UUID.randomUUID().toString())
                .toList();
        List<Throwable> refusals = Flux.fromIterable(forged)
                .flatMap(keyId -> keys.publicKey(keyId).map(Object.class::cast).onErrorResume(Mono::just), 50)
                .cast(Throwable.class)
                .collectList()
                .block(TIMEOUT);

        // the genuine key took one of the five lookups of the minute; four more reached Circle, the rest were refused
        assertThat(askedFor(forged)).isEqualTo(4);
        assertThat(refusals)
                .hasSize(50)
                .filteredOn(CircleNotificationKeys.UnknownKeyException.class::isInstance)
                .hasSize(4);
        assertThat(refusals)
                .filteredOn(CircleNotificationKeys.KeyLookupsLimitedException.class::isInstance)
                .hasSize(46)
                .allSatisfy(e -> assertThat(((CircleNotificationKeys.KeyLookupsLimitedException) e).retryAfter())
                        .isPositive()
                        .isLessThanOrEqualTo(Duration.ofMinutes(1)));

        // the same fifty again: the four Circle denied are remembered, the others are still over the bound
        int calls = forged.stream().mapToInt(circle::requestsFor).sum();
        Flux.fromIterable(forged)
                .flatMap(keyId -> keys.publicKey(keyId).onErrorResume(e -> Mono.empty()))
                .blockLast(TIMEOUT);
        assertThat(forged.stream().mapToInt(circle::requestsFor).sum()).isEqualTo(calls);

        // a genuine notification still verifies, with the key already known: no lookup
        String body = "{\"notificationId\":\"n-1\"}";
        PublicKey key = keys.publicKey(genuine).block(TIMEOUT);
        assertThat(WebhookSignature.verifies(key, body.getBytes(StandardCharsets.UTF_8), circle.sign(genuine, body)))
                .isTrue();
        assertThat(circle.requestsFor(genuine)).isEqualTo(genuineLookups);
    }

    @Test
    void aKeyIdCircleDoesNotHaveIsNotAskedForAgainUntilItsTimeToLiveEnds() throws InterruptedException {
        CircleNotificationKeyClient keys = client(100, "500ms");
        String unknown = UUID.randomUUID().toString();

        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> keys.publicKey(unknown).block(TIMEOUT))
                    .isInstanceOf(CircleNotificationKeys.UnknownKeyException.class);
        }
        assertThat(circle.requestsFor(unknown)).isEqualTo(1);

        Thread.sleep(600);
        assertThatThrownBy(() -> keys.publicKey(unknown).block(TIMEOUT))
                .isInstanceOf(CircleNotificationKeys.UnknownKeyException.class);
        assertThat(circle.requestsFor(unknown)).isEqualTo(2);
    }
}
