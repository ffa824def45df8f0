package com.stack.contracts.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.stack.contracts.config.LocalOnlySecrets.ShippedSecretException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalOnlySecretsTest {

    static final String SHIPPED_SERVICE_TOKEN = "local-only-stack-service-token-secret-do-not-deploy";
    static final String OWN_SERVICE_TOKEN = "a-deployment-s-own-random-service-token-secret-48";

    final Map<String, String> settings = new HashMap<>();

    @Test
    void theLocalProfileAcceptsShippedAndMissingSecrets() {
        settings.put("stack.security.service-token.secret", SHIPPED_SERVICE_TOKEN);

        assertThatCode(() -> check(List.of("local"), "kyc,circle")).doesNotThrowAnyException();
    }

    @Test
    void aShippedSecretOutsideTheLocalProfileIsRefusedNamingItsSettingAndVariableButNotItsValue() {
        settings.put("stack.security.service-token.secret", SHIPPED_SERVICE_TOKEN);

        assertThatThrownBy(() -> check(List.of(), ""))
                .isInstanceOf(ShippedSecretException.class)
                .hasMessageContaining("stack.security.service-token.secret (environment STACK_SERVICE_TOKEN_SECRET)"
                        + " is a value shipped for local development")
                .hasMessageContaining("SPRING_PROFILES_ACTIVE=local")
                .hasMessageNotContaining(SHIPPED_SERVICE_TOKEN);
    }

    @Test
    void anotherProfileIsNotLocal() {
        settings.put("stack.security.service-token.secret", SHIPPED_SERVICE_TOKEN);

        assertThatThrownBy(() -> check(List.of("prod", "localhost"), "")).isInstanceOf(ShippedSecretException.class);
    }

    @Test
    void aMissingRequiredSecretIsRefusedAndEveryProblemIsNamedAtOnce() {
        settings.put("stack.security.service-token.secret", OWN_SERVICE_TOKEN);
        settings.put("stack.kyc.api-key", "kyc_test_key");

        assertThatThrownBy(() -> check(List.of(), "kyc"))
                .isInstanceOfSatisfying(
                        ShippedSecretException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "stack.kyc.api-key (environment STACK_KYC_API_KEY) is a value shipped for local development,"
                                                + " which is public",
                                        "stack.kyc.webhook-secret (environment STACK_KYC_WEBHOOK_SECRET) is not set"));
    }

    @Test
    void aPartnersSecretsAreCheckedOnlyWhenTheProcessNamesThePartner() {
        settings.put("stack.security.service-token.secret", OWN_SERVICE_TOKEN);
        settings.put("stack.alpaca.api-key", "alpaca_local_key");

        assertThatCode(() -> check(List.of(), "")).doesNotThrowAnyException();
        assertThatThrownBy(() -> check(List.of(), "alpaca"))
                .hasMessageContaining("stack.alpaca.api-key")
                .hasMessageContaining("stack.alpaca.api-secret (environment STACK_ALPACA_API_SECRET) is not set");
    }

    @Test
    void ownSecretsStartOutsideTheLocalProfile() {
        settings.put("stack.security.service-token.secret", OWN_SERVICE_TOKEN);
        settings.put("stack.circle.api-key", "LIVE_API_KEY:0123:abcd");
        settings.put("stack.circle.entity-secret", "00".repeat(32));

        assertThatCode(() -> check(List.of("prod"), "circle")).doesNotThrowAnyException();
    }

    @Test
    void anUnknownPartnerNameIsRefused() {
        settings.put("stack.security.service-token.secret", OWN_SERVICE_TOKEN);

        assertThatThrownBy(() -> check(List.of(), "circle,cirlce")).hasMessageContaining("'cirlce'");
    }

    @Test
    void pushCredentialsMayBeMissingButNeverTheSandboxServiceAccount(@TempDir Path directory) throws IOException {
        settings.put("stack.security.service-token.secret", OWN_SERVICE_TOKEN);
        assertThatCode(() -> check(List.of(), "fcm")).doesNotThrowAnyException();

        Path sandboxAccount = Files.writeString(
                directory.resolve("copied-key.json"),
                "{\"type\":\"service_account\",\"private_key_id\":\"stack-local-sandbox-key-1\"}");
        settings.put("stack.push.fcm.credentials-file", sandboxAccount.toString());
        assertThatThrownBy(() -> check(List.of(), "fcm"))
                .hasMessageContaining(
                        "stack.push.fcm.credentials-file (environment STACK_PUSH_FCM_CREDENTIALS_FILE) is a value shipped");

        settings.remove("stack.push.fcm.credentials-file");
        settings.put("stack.push.fcm.credentials-json", Files.readString(sandboxAccount));
        assertThatThrownBy(() -> check(List.of(), "fcm")).hasMessageContaining("stack.push.fcm.credentials-json");

        Path ownAccount = Files.writeString(
                directory.resolve("own.json"), "{\"type\":\"service_account\",\"private_key_id\":\"0f9e8d7c\"}");
        settings.remove("stack.push.fcm.credentials-json");
        settings.put("stack.push.fcm.credentials-file", "file:" + ownAccount);
        assertThatCode(() -> check(List.of(), "fcm")).doesNotThrowAnyException();
    }

    private void check(List<String> profiles, String partners) {
        LocalOnlySecrets.check(
                profiles, LocalOnlySecrets.secretsOf(LocalOnlySecrets.partners(partners)), settings::get);
    }
}
