package com.stack.onboarding.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import com.stack.contracts.identity.UserIds;
import com.stack.onboarding.OnboardingApplication;
import com.stack.testsupport.ServiceTestProperties;
import com.stack.testsupport.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(classes = OnboardingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=onboarding-service")
class OnboardingSubgraphTest {

    static final TestIssuer ISSUER = new TestIssuer();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "stack_onboarding_test", ISSUER);
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.close();
    }

    @LocalServerPort
    int port;

    HttpGraphQlTester as(String subject) {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port + "/graphql")
                .defaultHeader("Authorization", "Bearer " + ISSUER.token(subject, subject + "@example.com"))
                .build();
        return HttpGraphQlTester.create(client);
    }

    HttpGraphQlTester anonymous() {
        return HttpGraphQlTester.create(WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port + "/graphql").build());
    }

    @Test
    void signUpIsIdempotentPerSubjectAndMeReturnsTheCaller() {
        String subject = "auth0|" + UUID.randomUUID();
        String first = as(subject).document("mutation { signUp(input: {email: \"Ada@Example.com\"}) { id email kycStatus } }")
                .execute().path("signUp.id").entity(String.class).get();
        String second = as(subject).document("mutation { signUp(input: {email: \"ada@example.com\"}) { id } }")
                .execute().path("signUp.id").entity(String.class).get();

        assertThat(first).isEqualTo(second)
                .isEqualTo(UserIds.fromSubject(ISSUER.issuer(), subject).toString());
        as(subject).document("{ me { id email kycStatus } }").execute()
                .path("me.email").entity(String.class).isEqualTo("ada@example.com")
                .path("me.kycStatus").entity(String.class).isEqualTo("NOT_STARTED");
    }

    @Test
    void anEmailBelongingToAnotherAccountIsAConflict() {
        String email = "taken-" + UUID.randomUUID() + "@example.com";
        as("auth0|" + UUID.randomUUID()).document("mutation($e: String!) { signUp(input: {email: $e}) { id } }")
                .variable("e", email).execute().path("signUp.id").hasValue();
        as("auth0|" + UUID.randomUUID()).document("mutation($e: String!) { signUp(input: {email: $e}) { id } }")
                .variable("e", email).execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", "EMAIL_TAKEN")));
    }

    @Test
    void invalidEmailIsRejectedWithTheField() {
        as("auth0|" + UUID.randomUUID()).document("mutation { signUp(input: {email: \"not-an-email\"}) { id } }")
                .execute().errors()
                .expect(error -> "BAD_USER_INPUT".equals(error.getExtensions().get("code"))
                        && "email".equals(error.getExtensions().get("field")))
                .verify();
    }

    @Test
    void meWithoutATokenIsUnauthenticated() {
        anonymous().document("{ me { id } }").execute().errors()
                .expect(error -> "UNAUTHENTICATED".equals(error.getExtensions().get("code"))).verify();
    }

    @Test
    void aForgedTokenIsRefused() {
        WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port + "/graphql").build()
                .post().header("Authorization", "Bearer " + ISSUER.token("x", "x@example.com") + "tampered")
                .bodyValue(Map.of("query", "{ me { id } }"))
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void passcodeLocksAfterFiveFailures() {
        String subject = "auth0|" + UUID.randomUUID();
        as(subject).document("mutation { signUp(input: {email: \"" + UUID.randomUUID() + "@example.com\"}) { id } }")
                .execute().path("signUp.id").hasValue();
        as(subject).document("mutation { setPasscode(passcode: \"1111\") }").execute()
                .errors().expect(error -> "BAD_USER_INPUT".equals(error.getExtensions().get("code"))).verify();
        as(subject).document("mutation { setPasscode(passcode: \"4826\") }").execute()
                .path("setPasscode").entity(Boolean.class).isEqualTo(true);

        as(subject).document("mutation { verifyPasscode(passcode: \"4826\") { ok attemptsLeft } }").execute()
                .path("verifyPasscode.ok").entity(Boolean.class).isEqualTo(true);
        for (int left = 4; left >= 0; left--) {
            as(subject).document("mutation { verifyPasscode(passcode: \"9999\") { ok attemptsLeft } }").execute()
                    .path("verifyPasscode.ok").entity(Boolean.class).isEqualTo(false)
                    .path("verifyPasscode.attemptsLeft").entity(Integer.class).isEqualTo(left);
        }
        // locked now, even with the right passcode
        as(subject).document("mutation { verifyPasscode(passcode: \"4826\") { ok attemptsLeft } }").execute()
                .errors().expect(error -> "PASSCODE_LOCKED".equals(error.getExtensions().get("code"))).verify();
    }

    @Test
    void servesItsFederationSdl() {
        String sdl = anonymous().document("{ _service { sdl } }").execute().path("_service.sdl").entity(String.class).get();
        assertThat(sdl).contains("type User @key").contains("federation/v2.5");
    }
}
