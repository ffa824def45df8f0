package com.stack.onboarding.user.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import com.stack.onboarding.OnboardingApplication;
import com.stack.testsupport.SubgraphIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(
        classes = OnboardingApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=onboarding-service")
class OnboardingSubgraphTest extends SubgraphIntegrationTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registerService(registry, "stack_onboarding_test");
    }

    @Test
    void signUpIsIdempotentPerSubjectAndMeReturnsTheCaller() {
        String subject = newSubject();
        String first = as(subject)
                .document("mutation { signUp(input: {email: \"Ada@Example.com\"}) { id email kycStatus } }")
                .execute()
                .path("signUp.id")
                .entity(String.class)
                .get();
        String second = as(subject)
                .document("mutation { signUp(input: {email: \"ada@example.com\"}) { id } }")
                .execute()
                .path("signUp.id")
                .entity(String.class)
                .get();

        assertThat(first).isEqualTo(second).isEqualTo(userIdOf(subject).toString());
        as(subject)
                .document("{ me { id email kycStatus } }")
                .execute()
                .path("me.email")
                .entity(String.class)
                .isEqualTo("ada@example.com")
                .path("me.kycStatus")
                .entity(String.class)
                .isEqualTo("NOT_STARTED");
    }

    @Test
    void anEmailBelongingToAnotherAccountIsAConflict() {
        String email = "taken-" + UUID.randomUUID() + "@example.com";
        as(newSubject())
                .document("mutation($e: String!) { signUp(input: {email: $e}) { id } }")
                .variable("e", email)
                .execute()
                .path("signUp.id")
                .hasValue();
        as(newSubject())
                .document("mutation($e: String!) { signUp(input: {email: $e}) { id } }")
                .variable("e", email)
                .execute()
                .errors()
                .satisfy(oneErrorWithCode("EMAIL_TAKEN"));
    }

    @Test
    void invalidEmailIsRejectedWithTheField() {
        as(newSubject())
                .document("mutation { signUp(input: {email: \"not-an-email\"}) { id } }")
                .execute()
                .errors()
                .expect(errorWithCode("BAD_USER_INPUT", "email"))
                .verify();
    }

    @Test
    void meWithTheGatewaysServiceTokenIsUnauthenticated() {
        asGateway()
                .document("{ me { id } }")
                .execute()
                .errors()
                .expect(errorWithCode("UNAUTHENTICATED"))
                .verify();
    }

    @Test
    void anotherUsersEntityReferenceResolvesToNothing() {
        String owner = newSubject();
        String email = UUID.randomUUID() + "@example.com";
        as(owner)
                .document("mutation($e: String!) { signUp(input: {email: $e}) { id } }")
                .variable("e", email)
                .execute()
                .path("signUp.id")
                .hasValue();
        String userEntity = "query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id email } } }";

        as(owner)
                .document(userEntity)
                .variable("r", userRepresentations(userIdOf(owner)))
                .execute()
                .path("_entities[0].email")
                .entity(String.class)
                .isEqualTo(email);
        as(newSubject())
                .document(userEntity)
                .variable("r", userRepresentations(userIdOf(owner)))
                .execute()
                .path("_entities[0]")
                .valueIsNull();
    }

    @Test
    void aForgedTokenIsRefused() {
        WebTestClient.bindToServer()
                .baseUrl(graphQlUrl())
                .build()
                .post()
                .header("Authorization", "Bearer " + ISSUER.token("x", "x@example.com") + "tampered")
                .bodyValue(Map.of("query", "{ me { id } }"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void passcodeLocksAfterFiveFailures() {
        String subject = newSubject();
        as(subject)
                .document("mutation { signUp(input: {email: \"" + UUID.randomUUID() + "@example.com\"}) { id } }")
                .execute()
                .path("signUp.id")
                .hasValue();
        as(subject)
                .document("mutation { setPasscode(passcode: \"1111\") }")
                .execute()
                .errors()
                .expect(errorWithCode("BAD_USER_INPUT"))
                .verify();
        as(subject)
                .document("mutation { setPasscode(passcode: \"4826\") }")
                .execute()
                .path("setPasscode")
                .entity(Boolean.class)
                .isEqualTo(true);

        as(subject)
                .document("mutation { verifyPasscode(passcode: \"4826\") { ok attemptsLeft } }")
                .execute()
                .path("verifyPasscode.ok")
                .entity(Boolean.class)
                .isEqualTo(true);
        for (int left = 4; left >= 0; left--) {
            as(subject)
                    .document("mutation { verifyPasscode(passcode: \"9999\") { ok attemptsLeft } }")
                    .execute()
                    .path("verifyPasscode.ok")
                    .entity(Boolean.class)
                    .isEqualTo(false)
                    .path("verifyPasscode.attemptsLeft")
                    .entity(Integer.class)
                    .isEqualTo(left);
        }
        // locked now, even with the right passcode
        as(subject)
                .document("mutation { verifyPasscode(passcode: \"4826\") { ok attemptsLeft } }")
                .execute()
                .errors()
                .expect(errorWithCode("PASSCODE_LOCKED"))
                .verify();
    }

    @Test
    void servesItsFederationSdl() {
        String sdl = asGateway()
                .document("{ _service { sdl } }")
                .execute()
                .path("_service.sdl")
                .entity(String.class)
                .get();
        assertThat(sdl).contains("type User @key").contains("federation/v2.5");
    }
}
