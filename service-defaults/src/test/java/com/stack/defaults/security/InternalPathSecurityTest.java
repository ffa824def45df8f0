package com.stack.defaults.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.stack.contracts.identity.ServiceTokenIssuer;
import com.stack.testsupport.ServiceTestProperties;
import com.stack.testsupport.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /internal/**} is for services: a service token (the shared issuer's, or the gateway's) is let through and
 * names its service; a user's valid token is forbidden (403); no token is unauthenticated (401). Elsewhere a
 * user's token still passes.
 */
@SpringBootTest(
        classes = InternalPathSecurityTest.InternalApi.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.application.name=" + InternalPathSecurityTest.SERVICE)
class InternalPathSecurityTest {

    static final String SERVICE = "internal-path-test";
    static final TestIssuer ISSUER = new TestIssuer();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.registerIssuer(registry, ISSUER);
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    ServiceTokenIssuer serviceTokens;

    WebTestClient.ResponseSpec get(String path, String authorization) {
        WebTestClient.RequestHeadersSpec<?> request = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .build()
                .get()
                .uri(path);
        if (authorization != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        return request.exchange();
    }

    @Test
    void aServiceTokenFromTheSharedIssuerCallsTheInternalApiAsItsService() {
        get("/internal/whoami", serviceTokens.authorization().block(Duration.ofSeconds(5)))
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo(SERVICE);
    }

    @Test
    void theGatewaysServiceTokenCallsTheInternalApiAsTheGateway() {
        get("/internal/whoami", "Bearer " + ISSUER.serviceToken())
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("stack-gateway");
    }

    @Test
    void aUsersTokenIsForbiddenOnTheInternalApi() {
        String user = "Bearer " + ISSUER.token("auth0|internal-user", "user@example.com");
        get("/internal/whoami", user).expectStatus().isForbidden();
        // the same token is fine where a user belongs
        get("/public/whoami", user).expectStatus().isOk();
    }

    @Test
    void noTokenIsUnauthenticatedOnTheInternalApi() {
        get("/internal/whoami", null)
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .value(HttpHeaders.WWW_AUTHENTICATE, value -> assertThat(value).startsWith("Bearer"));
    }

    @Test
    void aForgedServiceTokenIsUnauthenticated() {
        String forged = TestIssuer.signServiceToken(
                TestIssuer.serviceClaims().build(), "another-secret-that-is-also-long-enough-for-hs256");
        get("/internal/whoami", "Bearer " + forged).expectStatus().isUnauthorized();
    }

    /** The smallest WebFlux service with service defaults' security and one internal and one user endpoint. */
    @SpringBootConfiguration
    @ImportAutoConfiguration({
        PropertyPlaceholderAutoConfiguration.class,
        JacksonAutoConfiguration.class,
        CodecsAutoConfiguration.class,
        NettyReactiveWebServerAutoConfiguration.class,
        HttpHandlerAutoConfiguration.class,
        WebFluxAutoConfiguration.class,
        ErrorWebFluxAutoConfiguration.class,
        SubgraphSecurityConfiguration.class,
        ReactiveOAuth2ResourceServerAutoConfiguration.class
    })
    @RestController
    static class InternalApi {

        @GetMapping("/internal/whoami")
        String internal(Authentication authentication) {
            return ((ServiceAuthentication) authentication).service();
        }

        @GetMapping("/public/whoami")
        String user(Authentication authentication) {
            return authentication.getName();
        }
    }
}
