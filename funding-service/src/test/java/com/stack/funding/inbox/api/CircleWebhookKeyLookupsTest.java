package com.stack.funding.inbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Circle's webhook with a tight bound on key lookups (its own application context): deliveries naming random key
 * ids cause at most that many Circle calls, are answered 401 (Circle has no such key) or 503 with Retry-After
 * (over the bound, not asked), and a genuine notification signed with a known key is still taken.
 */
class CircleWebhookKeyLookupsTest extends CircleWebhookTest {

    /** Over the shared context's generous bound (an inlined property there, which dynamic properties override). */
    @DynamicPropertySource
    static void tightKeyLookups(DynamicPropertyRegistry registry) {
        registry.add("stack.circle.key-lookups-per-minute", () -> "3");
    }

    record Answer(HttpStatus status, String retryAfter) {}

    Mono<Answer> deliverWithRetryAfter(Delivery delivery) {
        return http.post()
                .uri("/webhooks/circle")
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .header("X-Circle-Key-Id", delivery.keyId())
                .header("X-Circle-Signature", delivery.signature())
                .bodyValue(delivery.body().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .exchangeToMono(response -> response.releaseBody()
                        .thenReturn(new Answer(
                                HttpStatus.valueOf(response.statusCode().value()),
                                response.headers().asHttpHeaders().getFirst("Retry-After"))));
    }

    @Test
    void fiftyDeliveriesNamingRandomKeyIdsMakeAtMostTheBoundedCircleCallsAndAGenuineOneIsStillTaken() {
        UserWallet user = userWithWallet();
        // the genuine key is known before the flood (Circle's deliveries of the last minutes used it)
        String genuineNotification = UUID.randomUUID().toString();
        assertThat(deliver(signed(
                        inbound(genuineNotification, Instant.now(), "ETH", user.address(), "1", txHash(), "COMPLETE"))))
                .isEqualTo(HttpStatus.OK);
        int keyLookups = CIRCLE.requestsFor(KEY);

        List<String> randomKeys = IntStream.range(0, 50)
                .mapToObj(i -> UUID.randomUUID().toString())
                .toList();
        // made here, not on the client's event loop (signing and random ids read the system's entropy)
        List<Delivery> deliveries = randomKeys.stream()
                .map(keyId -> {
                    String body = inbound(
                            UUID.randomUUID().toString(),
                            Instant.now(),
                            "ETH",
                            user.address(),
                            "1000",
                            txHash(),
                            "COMPLETE");
                    return new Delivery(keyId, CIRCLE.sign(KEY, body), body);
                })
                .toList();
        List<Answer> answers = Flux.fromIterable(deliveries)
                .flatMap(this::deliverWithRetryAfter, 10)
                .collectList()
                .block(TIMEOUT);

        assertThat(randomKeys.stream()
                        .filter(keyId -> CIRCLE.requestsFor(keyId) > 0)
                        .count())
                .isLessThanOrEqualTo(3);
        assertThat(answers)
                .hasSize(50)
                .allSatisfy(answer ->
                        assertThat(answer.status()).isIn(HttpStatus.UNAUTHORIZED, HttpStatus.SERVICE_UNAVAILABLE));
        assertThat(answers)
                .filteredOn(answer -> answer.status() == HttpStatus.SERVICE_UNAVAILABLE)
                .hasSizeGreaterThanOrEqualTo(47)
                .allSatisfy(answer ->
                        assertThat(Long.parseLong(answer.retryAfter())).isBetween(1L, 60L));
        assertThat(meters.get("stack.webhook.requests")
                        .tags("result", "key_lookups_limited")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(47);

        String notification = UUID.randomUUID().toString();
        String tx = txHash();
        assertThat(deliver(signed(inbound(notification, Instant.now(), "ETH", user.address(), "2", tx, "COMPLETE"))))
                .isEqualTo(HttpStatus.OK);
        assertThat(processed(notification).outcome()).isEqualTo("applied");
        assertThat(depositsOf(tx)).isEqualTo(1);
        assertThat(CIRCLE.requestsFor(KEY)).isEqualTo(keyLookups);
    }
}
