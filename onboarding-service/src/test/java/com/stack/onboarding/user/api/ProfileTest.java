package com.stack.onboarding.user.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.contracts.events.EventType;
import com.stack.contracts.events.Topics;
import com.stack.defaults.errors.ConflictException;
import com.stack.defaults.messaging.MessagingProperties;
import com.stack.defaults.security.Caller;
import com.stack.onboarding.OnboardingApplication;
import com.stack.onboarding.TopicRecords;
import com.stack.onboarding.user.app.UpdateProfile;
import com.stack.onboarding.user.domain.ProfileChange;
import com.stack.testsupport.SubgraphIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** updateProfile and me.profile through the subgraph, and the ProfileUpdated event on the real Kafka. */
@SpringBootTest(
        classes = OnboardingApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=onboarding-service")
class ProfileTest extends SubgraphIntegrationTest {

    static final String UPDATE = "mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { id phoneNumber"
            + " profile { phoneNumber displayName timeZone } } }";
    static final String PROFILE = "{ me { profile { phoneNumber displayName timeZone } } }";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registerService(registry, "stack_onboarding_profile_test");
    }

    @Autowired
    UpdateProfile updateProfile;

    @Autowired
    MessagingProperties messaging;

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

    GraphQlTester.Response update(String subject, Map<String, Object> input) {
        return as(subject).document(UPDATE).variable("i", input).execute();
    }

    static String newPhoneNumber() {
        return "+4479"
                + String.format("%08d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 100_000_000L));
    }

    @Test
    void aProfileStartsInUtcAndChangesOnlyTheGivenFields() {
        String ada = signedUp();
        as(ada).document(PROFILE)
                .execute()
                .path("me.profile")
                .entity(Map.class)
                .isEqualTo(mapOf("phoneNumber", null, "displayName", null, "timeZone", "UTC"));
        String phone = newPhoneNumber();

        update(ada, Map.of("phoneNumber", phone, "displayName", "  Ada L.  ", "timeZone", "europe/london"))
                .path("updateProfile.phoneNumber")
                .entity(String.class)
                .isEqualTo(phone)
                .path("updateProfile.profile")
                .entity(Map.class)
                .isEqualTo(mapOf("phoneNumber", phone, "displayName", "Ada L.", "timeZone", "Europe/London"));
        update(ada, Map.of("displayName", "Ada"))
                .path("updateProfile.profile")
                .entity(Map.class)
                .isEqualTo(mapOf("phoneNumber", phone, "displayName", "Ada", "timeZone", "Europe/London"));
        update(ada, Map.of("phoneNumber", "", "displayName", ""))
                .path("updateProfile.profile")
                .entity(Map.class)
                .isEqualTo(mapOf("phoneNumber", null, "displayName", null, "timeZone", "Europe/London"));
        as(ada).document("{ me { phoneNumber profile { timeZone } } }")
                .execute()
                .path("me.phoneNumber")
                .valueIsNull()
                .path("me.profile.timeZone")
                .entity(String.class)
                .isEqualTo("Europe/London");
    }

    @Test
    void eachRefusedFieldIsNamedAndNothingChanges() {
        String ada = signedUp();
        update(ada, Map.of("phoneNumber", "07911 123456", "displayName", "Ada"))
                .errors()
                .expect(errorWithCode("BAD_USER_INPUT", "phoneNumber"))
                .verify();
        update(ada, Map.of("displayName", "x".repeat(65)))
                .errors()
                .expect(errorWithCode("BAD_USER_INPUT", "displayName"))
                .verify();
        update(ada, Map.of("displayName", "Ada\u0007"))
                .errors()
                .expect(errorWithCode("BAD_USER_INPUT", "displayName"))
                .verify();
        update(ada, Map.of("timeZone", "Mars/Olympus"))
                .errors()
                .expect(errorWithCode("BAD_USER_INPUT", "timeZone"))
                .verify();
        update(ada, Map.of("timeZone", "+02:00"))
                .errors()
                .expect(errorWithCode("BAD_USER_INPUT", "timeZone"))
                .verify();

        as(ada).document(PROFILE)
                .execute()
                .path("me.profile")
                .entity(Map.class)
                .isEqualTo(mapOf("phoneNumber", null, "displayName", null, "timeZone", "UTC"));
    }

    @Test
    void anotherUsersPhoneNumberIsTakenAtUpdateAndAtSignUp() {
        String ada = signedUp();
        String phone = newPhoneNumber();
        update(ada, Map.of("phoneNumber", phone))
                .path("updateProfile.profile.phoneNumber")
                .entity(String.class)
                .isEqualTo(phone);

        String grace = signedUp();
        update(grace, Map.of("phoneNumber", phone.substring(0, 4) + " " + phone.substring(4)))
                .errors()
                .satisfy(oneErrorWithCode("PHONE_NUMBER_TAKEN"));
        as(grace).document(PROFILE).execute().path("me.profile.phoneNumber").valueIsNull();
        // the same number again for its owner is no conflict
        update(ada, Map.of("phoneNumber", phone))
                .path("updateProfile.profile.phoneNumber")
                .entity(String.class)
                .isEqualTo(phone);

        as(newSubject())
                .document("mutation($e: String!, $p: String) { signUp(input: {email: $e, phoneNumber: $p}) { id } }")
                .variable("e", UUID.randomUUID() + "@example.com")
                .variable("p", phone)
                .execute()
                .errors()
                .satisfy(oneErrorWithCode("PHONE_NUMBER_TAKEN"));
        as(newSubject())
                .document("mutation($e: String!, $p: String) { signUp(input: {email: $e, phoneNumber: $p}) { id } }")
                .variable("e", UUID.randomUUID() + "@example.com")
                .variable("p", "0044 7911")
                .execute()
                .errors()
                .expect(errorWithCode("BAD_USER_INPUT", "phoneNumber"))
                .verify();
    }

    @Test
    void twoUsersRacingForOneNumberOneWinsAndTheOtherIsTaken() {
        for (int round = 0; round < 5; round++) {
            Caller ada = caller(signedUp());
            Caller grace = caller(signedUp());
            ProfileChange change = ProfileChange.of(newPhoneNumber(), null, null);

            List<String> outcomes = Flux.merge(attempt(ada, change), attempt(grace, change))
                    .collectList()
                    .block(Duration.ofSeconds(30));

            assertThat(outcomes).as("round %d", round).containsExactlyInAnyOrder("updated", "PHONE_NUMBER_TAKEN");
        }
    }

    Mono<String> attempt(Caller caller, ProfileChange change) {
        return Mono.defer(() -> updateProfile.update(caller, change))
                .subscribeOn(Schedulers.parallel())
                .map(user -> "updated")
                .onErrorResume(ConflictException.class, e -> Mono.just(e.code()));
    }

    static Caller caller(String subject) {
        return new Caller(userIdOf(subject), subject, null);
    }

    @Test
    void aCallerWhoHasNotSignedUpIsNotFound() {
        update(newSubject(), Map.of("displayName", "Ada")).errors().satisfy(oneErrorWithCode("NOT_FOUND"));
    }

    @Test
    void aChangeIsPublishedOnceWithTheWholeProfileAndTheSameValuesAgainPublishNothing() {
        String ada = signedUp();
        String phone = newPhoneNumber();
        Instant before = Instant.now();
        update(ada, Map.of("phoneNumber", phone, "timeZone", "Pacific/Auckland"))
                .path("updateProfile.id")
                .hasValue();
        update(ada, Map.of("phoneNumber", phone, "timeZone", "Pacific/Auckland"))
                .path("updateProfile.id")
                .hasValue();
        update(ada, Map.of())
                .path("updateProfile.profile.timeZone")
                .entity(String.class)
                .isEqualTo("Pacific/Auckland");

        String user = userIdOf(ada).toString();
        List<ConsumerRecord<String, String>> updates =
                TopicRecords.read(messaging.topic(Topics.ONBOARDING), user, Duration.ofSeconds(20)).stream()
                        .filter(record ->
                                EventType.PROFILE_UPDATED.type().equals(TopicRecords.header(record, "ce_type")))
                        .toList();

        assertThat(updates).singleElement().satisfies(record -> {
            assertThat(TopicRecords.header(record, "ce_subject")).isEqualTo(user);
            assertThat(record.value())
                    .contains(
                            "\"userId\":\"" + user + "\"",
                            "\"phoneNumber\":\"" + phone + "\"",
                            "\"timeZone\":\"Pacific/Auckland\"",
                            "\"updatedAt\":");
            String updatedAt = record.value().replaceAll(".*\"updatedAt\":\"([^\"]+)\".*", "$1");
            assertThat(Instant.parse(updatedAt)).isAfter(before.minusSeconds(5)).isBefore(Instant.now());
        });
    }

    /** A map that may hold nulls, as a GraphQL object with null fields reads. */
    static Map<String, Object> mapOf(String k1, Object v1, String k2, Object v2, String k3, Object v3) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        map.put(k3, v3);
        return map;
    }
}
