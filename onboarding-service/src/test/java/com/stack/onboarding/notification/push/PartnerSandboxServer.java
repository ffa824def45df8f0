package com.stack.onboarding.notification.push;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.stack.sandbox.PartnerSandboxApplication;
import com.stack.testsupport.SharedTestJvm;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The partner sandbox in this JVM on a random port, as a plain WebFlux application (see {@link SharedTestJvm}), for
 * the push tests: onboarding reaches it over HTTP only, as it reaches Google in production.
 */
final class PartnerSandboxServer implements AutoCloseable {

    static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {};

    private final ConfigurableApplicationContext context;

    private PartnerSandboxServer(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static PartnerSandboxServer start() {
        List<String> excluded = new ArrayList<>(SharedTestJvm.SERVICE_AUTO_CONFIGURATIONS);
        excluded.addAll(SharedTestJvm.WEB_SECURITY_AUTO_CONFIGURATIONS);
        return new PartnerSandboxServer(PartnerSandboxApplication.application()
                .run(
                        "--spring.autoconfigure.exclude=" + String.join(",", excluded),
                        "--server.port=0",
                        "--logging.structured.format.console=",
                        "--logging.level.root=WARN"));
    }

    String url() {
        return "http://127.0.0.1:"
                + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** The control API ({@code /sandbox/...}). */
    WebTestClient control() {
        return WebTestClient.bindToServer().baseUrl(url() + "/sandbox").build();
    }

    /** The service account's key file, with this sandbox's token endpoint: what onboarding is configured with. */
    String serviceAccountJson() {
        return new String(
                control()
                        .get()
                        .uri("/google-oauth/service-account")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .returnResult()
                        .getResponseBodyContent(),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The messages FCM accepted for the device token. */
    List<Map<String, Object>> messagesTo(String token) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> messages = (List<Map<String, Object>>) control()
                .get()
                .uri(uri -> uri.path("/fcm/messages").queryParam("token", token).build())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("messages");
        return messages;
    }

    @Override
    public void close() {
        context.close();
    }
}
