package com.stack.onboarding.featureflag.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.defaults.features.FeatureFlagsProperties;
import com.stack.onboarding.OnboardingApplication;
import com.stack.onboarding.featureflag.app.FeatureFlagDistribution;
import com.stack.testsupport.SubgraphIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Onboarding's feature-flag admin API ({@code /internal/feature-flags}) and {@code me.features}: service tokens
 * only; definitions validated field by field; a change stored in PostgreSQL, written to Redis and announced, and
 * seen by the caller's {@code me.features} without a restart; the Redis copy written again from PostgreSQL by the
 * startup step.
 */
@SpringBootTest(
        classes = OnboardingApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=onboarding-service")
class FeatureFlagsApiTest extends SubgraphIntegrationTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registerService(registry, "stack_onboarding_test");
    }

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    FeatureFlagDistribution distribution;
    /** The test's own key (test support names one per fresh database). */
    @Autowired
    FeatureFlagsProperties features;

    final String flag = "flag-" + UUID.randomUUID().toString().substring(0, 8);

    WebTestClient client() {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(RESPONSE_TIMEOUT)
                .build();
    }

    String service() {
        return "Bearer " + ISSUER.serviceToken();
    }

    WebTestClient.ResponseSpec put(String name, Map<String, Object> definition) {
        return client().put()
                .uri("/internal/feature-flags/{name}", name)
                .header(HttpHeaders.AUTHORIZATION, service())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(definition)
                .exchange();
    }

    WebTestClient.ResponseSpec delete(String name) {
        return client().delete()
                .uri("/internal/feature-flags/{name}", name)
                .header(HttpHeaders.AUTHORIZATION, service())
                .exchange();
    }

    static Map<String, Object> definition(boolean enabled, int percentage, List<String> allowList) {
        return Map.of(
                "description",
                "a test flag",
                "enabled",
                enabled,
                "percentage",
                percentage,
                "allowList",
                allowList,
                "countries",
                List.of());
    }

    String signedUp() {
        String subject = newSubject();
        as(subject)
                .document("mutation($e: String!) { signUp(input: {email: $e}) { id } }")
                .variable("e", UUID.randomUUID() + "@example.com")
                .execute()
                .path("signUp.id")
                .hasValue();
        return subject;
    }

    List<String> featuresOf(String subject) {
        return as(subject)
                .document("{ me { features } }")
                .execute()
                .path("me.features")
                .entityList(String.class)
                .get();
    }

    @Test
    void onlyAServiceTokenReachesTheAdminApi() {
        String user = "Bearer " + ISSUER.token(newSubject(), "someone@example.com");
        client().get().uri("/internal/feature-flags").exchange().expectStatus().isUnauthorized();
        client().get()
                .uri("/internal/feature-flags")
                .header(HttpHeaders.AUTHORIZATION, user)
                .exchange()
                .expectStatus()
                .isForbidden();
        client().put()
                .uri("/internal/feature-flags/{name}", flag)
                .header(HttpHeaders.AUTHORIZATION, user)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(definition(true, 100, List.of()))
                .exchange()
                .expectStatus()
                .isForbidden();
        client().get()
                .uri("/internal/feature-flags")
                .header(HttpHeaders.AUTHORIZATION, service())
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void aRefusedDefinitionIsABadRequestNamingTheFieldAndStoresNothing() {
        put("Not_A_Name", definition(true, 10, List.of()))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("name")
                .jsonPath("$.code")
                .isEqualTo("BAD_USER_INPUT");
        put(flag, definition(true, 101, List.of()))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("percentage");
        put(flag, definition(true, 10, List.of("not-a-user-id")))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("allowList");
        put(flag, Map.of("enabled", true, "percentage", 10, "countries", List.of("XX")))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("countries");

        client().get()
                .uri("/internal/feature-flags")
                .header(HttpHeaders.AUTHORIZATION, service())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.name == '" + flag + "')]")
                .doesNotExist();
    }

    @Test
    void aChangeIsStoredWrittenToRedisAndAnnouncedAndADeleteToo() {
        UUID listed = UUID.randomUUID();
        Flux<String> announcements = redis.listenToChannelLater(features.key())
                .block(TIMEOUT)
                .map(message -> message.getMessage())
                .publishOn(Schedulers.boundedElastic()); // the assertions below read Redis back, blocking

        StepVerifier.create(announcements.take(2))
                .then(() -> put(
                                flag,
                                Map.of(
                                        "description",
                                        "options",
                                        "enabled",
                                        true,
                                        "percentage",
                                        25,
                                        "allowList",
                                        List.of(listed.toString()),
                                        "countries",
                                        List.of("gb", "US")))
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.name")
                        .isEqualTo(flag)
                        .jsonPath("$.countries[0]")
                        .isEqualTo("GB")
                        .jsonPath("$.version")
                        .isEqualTo(1))
                .assertNext(version -> assertThat(
                                redis.opsForValue().get(features.key()).block(TIMEOUT))
                        .contains("\"version\":" + version)
                        .contains("\"name\":\"" + flag + "\"")
                        .contains(listed.toString())
                        .contains("\"percentage\":25"))
                .then(() -> delete(flag).expectStatus().isNoContent())
                .assertNext(version -> assertThat(
                                redis.opsForValue().get(features.key()).block(TIMEOUT))
                        .contains("\"version\":" + version)
                        .doesNotContain(flag))
                .expectComplete()
                .verify(TIMEOUT);

        delete(flag).expectStatus().isNotFound();
    }

    @Test
    void aReplacedFlagKeepsItsNameAndCountsItsRevisions() {
        put(flag, definition(true, 10, List.of())).expectStatus().isOk();
        put(flag, definition(false, 10, List.of()))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.enabled")
                .isEqualTo(false)
                .jsonPath("$.version")
                .isEqualTo(2);

        client().get()
                .uri("/internal/feature-flags")
                .header(HttpHeaders.AUTHORIZATION, service())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.name == '" + flag + "')].enabled")
                .isEqualTo(List.of(false));
        delete(flag).expectStatus().isNoContent();
    }

    @Test
    void meFeaturesFollowsAFlagSwitchedOnForOneUserWithoutARestart() {
        String ada = signedUp();
        String grace = signedUp();
        assertThat(featuresOf(ada)).doesNotContain(flag);

        put(flag, definition(true, 0, List.of(userIdOf(ada).toString())))
                .expectStatus()
                .isOk();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(featuresOf(ada)).contains(flag));
        assertThat(featuresOf(grace)).doesNotContain(flag);

        put(flag, definition(false, 100, List.of(userIdOf(ada).toString())))
                .expectStatus()
                .isOk();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(featuresOf(ada)).doesNotContain(flag));
        assertThat(featuresOf(grace)).doesNotContain(flag);
        delete(flag).expectStatus().isNoContent();
    }

    @Test
    void theStartupStepWritesTheStoredFlagsToARedisThatLostThem() {
        assertThat(features.key()).as("a key of this test's own").startsWith("stack:test:feature-flags:");
        put(flag, definition(true, 100, List.of())).expectStatus().isOk();
        redis.delete(features.key()).block(TIMEOUT);

        // what runs when onboarding (re)starts: PostgreSQL is the store, Redis gets its copy again
        distribution.stop();
        distribution.start();
        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> assertThat(redis.opsForValue().get(features.key()).block(TIMEOUT))
                                .isNotNull()
                                .contains("\"name\":\"" + flag + "\""));
        delete(flag).expectStatus().isNoContent();
    }
}
