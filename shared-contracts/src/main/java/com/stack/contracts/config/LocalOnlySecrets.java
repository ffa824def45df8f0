package com.stack.contracts.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The secrets the suite ships values for, so that {@code ./stack up} and the tests run with no setup, and the
 * rule that keeps those values out of a deployment: they are in this repository, so anyone can mint a service
 * token, forge a KYC callback or call a partner with them. Outside the {@value #LOCAL_PROFILE} profile, a
 * process refuses to start when a secret it uses is missing (a missing partner key falls back to the shipped
 * one) or equal to a shipped value, with a message naming each setting and its environment variable. The
 * services check it through service-defaults and the gateway through its own start-up hook: the same code.
 *
 * <p>A process checks the service-token secret and the secrets of the partners it names ({@link #PARTNERS}).
 */
public final class LocalOnlySecrets {

    /** The profile {@code ./stack up}, every test JVM and the benchmarks run with: local development. */
    public static final String LOCAL_PROFILE = "local";

    /** The setting a service lists the partners it calls in (their names in {@link #PARTNERS}), comma-separated. */
    public static final String PARTNERS_PROPERTY = "stack.secrets.partners";

    /** The key id of the partner sandbox's Google service account, whose private key is in this repository. */
    static final String SANDBOX_GOOGLE_KEY_ID = "stack-local-sandbox-key-1";

    /** The gateway's service tokens: the gateway and every service share it. */
    public static final List<Secret> SERVICE_TOKEN = List.of(Secret.required(
            "stack.security.service-token.secret",
            "STACK_SERVICE_TOKEN_SECRET",
            "local-only-stack-service-token-secret-do-not-deploy"));

    /** The secrets of each partner, by the name a service lists it under in {@value #PARTNERS_PROPERTY}. */
    public static final Map<String, List<Secret>> PARTNERS = Map.of(
            "kyc",
                    List.of(
                            Secret.required("stack.kyc.api-key", "STACK_KYC_API_KEY", "kyc_test_key"),
                            Secret.required(
                                    "stack.kyc.webhook-secret",
                                    "STACK_KYC_WEBHOOK_SECRET",
                                    "kyc_whsec_local_only_change_me")),
            "circle",
                    List.of(
                            Secret.required(
                                    "stack.circle.api-key", "STACK_CIRCLE_API_KEY", "TEST_API_KEY:stack-local:sandbox"),
                            Secret.required(
                                    "stack.circle.entity-secret",
                                    "STACK_CIRCLE_ENTITY_SECRET",
                                    "6c6f63616c2d6f6e6c792d656e746974792d7365637265742d3332627974657a")),
            "drivewealth",
                    List.of(
                            Secret.required(
                                    "stack.drivewealth.app-key", "STACK_DRIVEWEALTH_APP_KEY", "dw_local_app_key"),
                            Secret.required(
                                    "stack.drivewealth.client-id", "STACK_DRIVEWEALTH_CLIENT_ID", "stack-local"),
                            Secret.required(
                                    "stack.drivewealth.client-secret",
                                    "STACK_DRIVEWEALTH_CLIENT_SECRET",
                                    "dw_local_secret_change_me")),
            "due", List.of(Secret.required("stack.due.api-key", "STACK_DUE_API_KEY", "dk_local_sandbox_key")),
            "alpaca",
                    List.of(
                            Secret.required("stack.alpaca.api-key", "STACK_ALPACA_API_KEY", "alpaca_local_key"),
                            Secret.required(
                                    "stack.alpaca.api-secret", "STACK_ALPACA_API_SECRET", "alpaca_local_secret")),
            // optional (no credentials: pushes are recorded, not sent), but never the sandbox's public key
            "fcm",
                    List.of(
                            new Secret(
                                    "stack.push.fcm.credentials-file",
                                    "STACK_PUSH_FCM_CREDENTIALS_FILE",
                                    false,
                                    Match.FILE_CONTAINS,
                                    Set.of(SANDBOX_GOOGLE_KEY_ID)),
                            new Secret(
                                    "stack.push.fcm.credentials-json",
                                    "STACK_PUSH_FCM_CREDENTIALS_JSON",
                                    false,
                                    Match.CONTAINS,
                                    Set.of(SANDBOX_GOOGLE_KEY_ID))));

    private LocalOnlySecrets() {}

    /** How a configured value is compared with the shipped ones. */
    public enum Match {
        /** the value is one of them */
        EQUALS,
        /** the value (inline JSON) contains one of them */
        CONTAINS,
        /** the value names a file whose content contains one of them */
        FILE_CONTAINS
    }

    /**
     * One secret setting.
     *
     * @param property            the configuration property
     * @param environmentVariable the environment variable a deployment sets it with
     * @param required            missing is refused too (a required secret falls back to a shipped value)
     * @param match               how a value is recognised as a shipped one
     * @param shippedValues       the values in this repository
     */
    public record Secret(
            String property, String environmentVariable, boolean required, Match match, Set<String> shippedValues) {

        static Secret required(String property, String environmentVariable, String shippedValue) {
            return new Secret(property, environmentVariable, true, Match.EQUALS, Set.of(shippedValue));
        }

        /** What is wrong with {@code value} for this setting outside the local profile; null when nothing is. */
        String problem(String value) {
            if (value == null || value.isBlank()) {
                return required ? describe() + " is not set" : null;
            }
            if (isShipped(value)) {
                return describe() + " is a value shipped for local development, which is public";
            }
            return null;
        }

        private boolean isShipped(String value) {
            return switch (match) {
                case EQUALS -> shippedValues.contains(value.strip());
                case CONTAINS -> shippedValues.stream().anyMatch(value::contains);
                case FILE_CONTAINS -> fileContainsShipped(value.strip());
            };
        }

        private boolean fileContainsShipped(String file) {
            String content;
            try {
                content = Files.readString(
                        Path.of(file.startsWith("file:") ? file.substring("file:".length()) : file),
                        StandardCharsets.UTF_8);
            } catch (IOException | InvalidPathException e) {
                // the owner reports a file it cannot read when it reads it; what it cannot read is not shipped
                return false;
            }
            return shippedValues.stream().anyMatch(content::contains);
        }

        private String describe() {
            return property + " (environment " + environmentVariable + ")";
        }
    }

    /**
     * The service-token secret and the secrets of the named partners (an unknown name is refused: a typo
     * would otherwise leave a partner's secrets unchecked).
     */
    public static List<Secret> secretsOf(Collection<String> partners) {
        List<Secret> secrets = new ArrayList<>(SERVICE_TOKEN);
        for (String partner : new LinkedHashSet<>(partners)) {
            List<Secret> known = PARTNERS.get(partner);
            if (known == null) {
                throw new IllegalStateException(PARTNERS_PROPERTY + " names '" + partner + "', which is not a partner"
                        + " with known secrets; known: "
                        + String.join(", ", PARTNERS.keySet().stream().sorted().toList()));
            }
            secrets.addAll(known);
        }
        return secrets;
    }

    /** The partner names in a comma-separated {@value #PARTNERS_PROPERTY} value (null: none). */
    public static List<String> partners(String commaSeparated) {
        if (commaSeparated == null) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .toList();
    }

    /**
     * Refuses to go on when, outside the local profile, one of {@code secrets} is missing or a shipped value.
     *
     * @param activeProfiles the process's active profiles
     * @param secrets        the secrets the process uses
     * @param values         a setting's configured value by property name (null when not set)
     * @throws ShippedSecretException naming every setting at fault and its environment variable, never a value
     */
    public static void check(Collection<String> activeProfiles, List<Secret> secrets, Function<String, String> values) {
        if (activeProfiles.contains(LOCAL_PROFILE)) {
            return;
        }
        List<String> problems = secrets.stream()
                .map(secret -> secret.problem(values.apply(secret.property())))
                .filter(problem -> problem != null)
                .toList();
        if (!problems.isEmpty()) {
            throw new ShippedSecretException(problems);
        }
    }

    /** Start-up refused: secrets missing or shipped values outside the local profile. */
    public static final class ShippedSecretException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        private final List<String> problems;

        ShippedSecretException(List<String> problems) {
            super("Refusing to start outside the '" + LOCAL_PROFILE + "' profile: " + String.join("; ", problems)
                    + ". Set each to a secret of this deployment's own (for a shared secret, for example from"
                    + " `openssl rand -base64 48`), or run with spring.profiles.active=" + LOCAL_PROFILE
                    + " (SPRING_PROFILES_ACTIVE=" + LOCAL_PROFILE + ") for local development only.");
            this.problems = List.copyOf(problems);
        }

        /** One line per setting at fault. */
        public List<String> problems() {
            return problems;
        }
    }
}
