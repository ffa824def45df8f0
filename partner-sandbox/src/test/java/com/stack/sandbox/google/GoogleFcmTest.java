package com.stack.sandbox.google;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.stack.sandbox.SandboxIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * Google's service-account token endpoint and FCM's send, called the way a service does: an RS256 assertion
 * signed with the key of the served key file, traded for an access token, then messages sent with it.
 */
class GoogleFcmTest extends SandboxIntegrationTest {

    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";

    @Test
    void theServedKeyFileNamesThisSandboxsTokenEndpointAndProject() {
        Map<String, Object> keyFile = keyFile();
        assertThat(keyFile)
                .containsEntry("type", "service_account")
                .containsEntry("project_id", "stack-local")
                .containsEntry("token_uri", baseUrl() + "/google-oauth/token");
        assertThat((String) keyFile.get("private_key")).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void aSignedAssertionIsTradedForAnAccessToken() {
        Map<String, Object> token = tokenExchange(
                        assertion(privateKey(), claims(Instant.now()).build()))
                .expectStatus()
                .isOk()
                .expectHeader()
                .cacheControl(org.springframework.http.CacheControl.noStore())
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        assertThat(token).containsEntry("token_type", "Bearer").containsEntry("expires_in", 3600);
        assertThat((String) token.get("access_token")).startsWith("ya29.");
    }

    @Test
    void anAssertionSignedWithAnotherKeyIsRefused() throws Exception {
        PrivateKey other = new RSAKeyGenerator(2048).generate().toPrivateKey();
        tokenExchange(assertion(other, claims(Instant.now()).build()))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("invalid_grant")
                .jsonPath("$.error_description")
                .isEqualTo("Invalid JWT Signature.");
    }

    @Test
    void anExpiredOrTooLongLivedAssertionIsRefused() {
        Instant anHourAgo = Instant.now().minus(Duration.ofMinutes(70));
        tokenExchange(assertion(privateKey(), claims(anHourAgo).build()))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("invalid_grant")
                .jsonPath("$.error_description")
                .value(text -> assertThat((String) text).contains("short-lived"));
        Instant now = Instant.now();
        tokenExchange(assertion(
                        privateKey(),
                        claims(now)
                                .expirationTime(Date.from(now.plus(Duration.ofHours(2))))
                                .build()))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("invalid_grant");
    }

    @Test
    void theIssuerAudienceScopeAndGrantTypeAreChecked() {
        Instant now = Instant.now();
        tokenExchange(assertion(
                        privateKey(),
                        claims(now)
                                .issuer("someone@else.iam.gserviceaccount.com")
                                .build()))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("invalid_grant");
        tokenExchange(assertion(
                        privateKey(),
                        claims(now)
                                .audience("https://oauth2.googleapis.com/token")
                                .build()))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("invalid_grant");
        tokenExchange(assertion(
                        privateKey(),
                        claims(now)
                                .claim("scope", "https://www.googleapis.com/auth/drive")
                                .build()))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("invalid_scope");
        anonymous()
                .post()
                .uri("/google-oauth/token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "client_credentials")
                        .with("assertion", "x"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("unsupported_grant_type");
        tokenExchange("not.a.jwt")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("invalid_grant");
    }

    @Test
    void aMessageToADeviceIsAcceptedAndListed() {
        String device = newDeviceToken();
        Map<String, Object> sent = fcm().post()
                .uri("/v1/projects/stack-local/messages:send")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(message(device, Map.of("kind", "deposit.funded")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();

        assertThat((String) sent.get("name")).matches("projects/stack-local/messages/[0-9a-f]{32}");
        control()
                .get()
                .uri(uri ->
                        uri.path("/fcm/messages").queryParam("token", device).build())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.messages.length()")
                .isEqualTo(1)
                .jsonPath("$.messages[0].name")
                .isEqualTo(sent.get("name"))
                .jsonPath("$.messages[0].notification.title")
                .isEqualTo("Deposit received")
                .jsonPath("$.messages[0].data.kind")
                .isEqualTo("deposit.funded");
    }

    @Test
    void aSendWithoutAValidAccessTokenIsUnauthenticated() {
        client(baseUrl() + "/fcm")
                .defaultHeader("Authorization", "Bearer ya29.made-up")
                .build()
                .post()
                .uri("/v1/projects/stack-local/messages:send")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(message(newDeviceToken(), Map.of()))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.error.status")
                .isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void aMalformedMessageIsAnInvalidArgument() {
        fcm().post()
                .uri("/v1/projects/stack-local/messages:send")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(message(newDeviceToken(), Map.of("amount", 12)))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.status")
                .isEqualTo("INVALID_ARGUMENT")
                .jsonPath("$.error.details[0].errorCode")
                .isEqualTo("INVALID_ARGUMENT");
        fcm().post()
                .uri("/v1/projects/stack-local/messages:send")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("message", Map.of("topic", "news")))
                .exchange()
                .expectStatus()
                .isBadRequest();
        fcm().post()
                .uri("/v1/projects/another-project/messages:send")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(message(newDeviceToken(), Map.of()))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void aTokenMarkedUnregisteredGetsFcmsUnregisteredError() {
        String device = newDeviceToken();
        control()
                .post()
                .uri("/fcm/unregistered-tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", device))
                .exchange()
                .expectStatus()
                .isCreated();

        fcm().post()
                .uri("/v1/projects/stack-local/messages:send")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(message(device, Map.of()))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.error.status")
                .isEqualTo("NOT_FOUND")
                .jsonPath("$.error.details[0].@type")
                .isEqualTo("type.googleapis.com/google.firebase.fcm.v1.FcmError")
                .jsonPath("$.error.details[0].errorCode")
                .isEqualTo("UNREGISTERED");
        control()
                .get()
                .uri(uri ->
                        uri.path("/fcm/messages").queryParam("token", device).build())
                .exchange()
                .expectBody()
                .jsonPath("$.messages.length()")
                .isEqualTo(0);
    }

    @Test
    void requestFaultsApplyToFcm() {
        WebTestClient fcm = fcm();
        String fault = (String) control()
                .post()
                .uri("/faults")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "partner",
                        "fcm",
                        "method",
                        "POST",
                        "pathPattern",
                        "/v1/projects/*/messages:send",
                        "status",
                        503,
                        "count",
                        1))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
        try {
            String device = newDeviceToken();
            fcm.post()
                    .uri("/v1/projects/stack-local/messages:send")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(message(device, Map.of()))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(503)
                    .expectBody()
                    .jsonPath("$.error.status")
                    .isEqualTo("UNAVAILABLE");
            fcm.post()
                    .uri("/v1/projects/stack-local/messages:send")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(message(device, Map.of()))
                    .exchange()
                    .expectStatus()
                    .isOk();
        } finally {
            control().delete().uri("/faults/{id}", fault).exchange();
        }
    }

    /** A client of FCM with a fresh access token. */
    private WebTestClient fcm() {
        String accessToken = (String)
                tokenExchange(assertion(privateKey(), claims(Instant.now()).build()))
                        .expectStatus()
                        .isOk()
                        .expectBody(JSON_OBJECT)
                        .returnResult()
                        .getResponseBody()
                        .get("access_token");
        return client(baseUrl() + "/fcm")
                .defaultHeader("Authorization", "Bearer " + accessToken)
                .build();
    }

    private WebTestClient.ResponseSpec tokenExchange(String assertion) {
        return anonymous()
                .post()
                .uri("/google-oauth/token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer")
                        .with("assertion", assertion))
                .exchange();
    }

    private Map<String, Object> keyFile() {
        return control()
                .get()
                .uri("/google-oauth/service-account")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
    }

    private JWTClaimsSet.Builder claims(Instant issuedAt) {
        Map<String, Object> keyFile = keyFile();
        return new JWTClaimsSet.Builder()
                .issuer((String) keyFile.get("client_email"))
                .audience((String) keyFile.get("token_uri"))
                .claim("scope", SCOPE)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(Duration.ofHours(1))));
    }

    private PrivateKey privateKey() {
        String pem = (String) keyFile().get("private_key");
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String assertion(PrivateKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID("stack-local-sandbox-key-1")
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> message(String token, Map<String, Object> data) {
        return Map.of(
                "message",
                Map.of(
                        "token",
                        token,
                        "notification",
                        Map.of("title", "Deposit received", "body", "$25.00 is in your account"),
                        "data",
                        data));
    }

    private static String newDeviceToken() {
        return "dev_" + UUID.randomUUID().toString().replace("-", "") + ":APA91b";
    }
}
