package com.stack.sandbox.due.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import com.stack.sandbox.due.config.DueSandboxProperties;
import com.stack.sandbox.partners.DeliveryPolicy;
import org.junit.jupiter.api.Test;

class WebhookEndpointsTest {

    @Test
    void theConfiguredEndpointsAreRegisteredAtStartupEachWithAKeyThatVerifiesItsSignatures() throws Exception {
        WebhookEndpoints endpoints = new WebhookEndpoints(properties(
                List.of(URI.create("http://127.0.0.1:8083/webhooks/due"), URI.create("http://127.0.0.1:9999/other"))));

        assertThat(endpoints.all())
                .extracting(endpoint -> endpoint.url())
                .containsExactly("http://127.0.0.1:8083/webhooks/due", "http://127.0.0.1:9999/other");
        assertThat(endpoints.all())
                .allSatisfy(endpoint -> assertThat(endpoint.events()).containsExactly("transfer.status_changed"));
        assertThat(endpoints.all().get(0).publicKey())
                .isNotEqualTo(endpoints.all().get(1).publicKey());

        WebhookEndpoints.Registered first =
                endpoints.subscribedTo("transfer.status_changed").get(0);
        byte[] body = "{\"id\":\"wh_evt_1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String pem = first.endpoint().publicKey();
        String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64))));
        verifier.update(body);
        String signature = first.key().signHex(body);
        assertThat(signature).matches("[0-9a-f]{128}");
        assertThat(verifier.verify(HexFormat.of().parseHex(signature))).isTrue();
    }

    static DueSandboxProperties properties(List<URI> endpoints) {
        return new DueSandboxProperties(
                "dk",
                "acct",
                endpoints,
                new DeliveryPolicy(8, Duration.ofMillis(500), Duration.ofSeconds(10)),
                Duration.ofMinutes(2),
                new BigDecimal("0.00"),
                Duration.ofMillis(500),
                List.of(),
                "reason",
                new DueSandboxProperties.DefaultRecipient("rcp_firm", "Firm", "0001", "021000021"));
    }
}
