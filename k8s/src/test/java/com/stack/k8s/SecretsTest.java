package com.stack.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.stack.contracts.config.LocalOnlySecrets;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No secret value in the tree outside the local overlay: no Secret with data in base or production, every secret
 * setting (LocalOnlySecrets' and every variable named like a secret) taken from a Secret by reference, and no
 * plain value anywhere equal to a value this repository ships for local development.
 */
class SecretsTest {
    private static final Pattern SECRET_NAME =
            Pattern.compile(".*(SECRET|PASSWORD|API_KEY|APP_KEY|TOKEN|CREDENTIALS).*");

    @Test
    void productionHasNoSecretObjectAtAll() {
        assertThat(RenderedOverlay.of("production").all(Secret.class)).isEmpty();
    }

    @Test
    void noFileOutsideTheLocalOverlayDeclaresASecretOrAGenerator() throws IOException {
        List<String> offenders = new ArrayList<>();
        Path local = Repository.K8S.resolve("overlays/local");
        try (Stream<Path> files = Files.walk(Repository.K8S)) {
            files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .filter(f -> !f.startsWith(local) && !f.startsWith(Repository.K8S.resolve("target")))
                    .forEach(f -> {
                        String text = Repository.read(f);
                        if (Pattern.compile("(?m)^kind:\\s*Secret\\s*$")
                                        .matcher(text)
                                        .find()
                                || text.contains("secretGenerator:")) {
                            offenders.add(Repository.K8S.relativize(f).toString());
                        }
                    });
        }
        assertThat(offenders)
                .as("files with Secret values outside overlays/local")
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource(RenderedOverlay.EVERY_OVERLAY)
    void secretSettingsAreTakenFromSecretsByReference(RenderedOverlay overlay) {
        Set<String> secretVariables = new TreeSet<>();
        LocalOnlySecrets.SERVICE_TOKEN.forEach(s -> secretVariables.add(s.environmentVariable()));
        LocalOnlySecrets.PARTNERS
                .values()
                .forEach(list -> list.forEach(s -> secretVariables.add(s.environmentVariable())));
        for (Deployment deployment : overlay.all(Deployment.class)) {
            Map<String, EnvVar> environment = WorkloadsTest.environment(overlay, deployment);
            environment.forEach((name, variable) -> {
                if (secretVariables.contains(name) || SECRET_NAME.matcher(name).matches()) {
                    assertThat(variable.getValue())
                            .as(
                                    "%s of %s is a plain value",
                                    name, deployment.getMetadata().getName())
                            .isNull();
                    assertThat(variable.getValueFrom().getSecretKeyRef())
                            .as(
                                    "%s of %s comes from a Secret",
                                    name, deployment.getMetadata().getName())
                            .isNotNull();
                }
            });
        }
    }

    @ParameterizedTest
    @MethodSource(RenderedOverlay.EVERY_OVERLAY)
    void noPlainValueIsAShippedSecret(RenderedOverlay overlay) {
        Set<String> shipped = shippedSecretValues();
        List<String> leaks = new ArrayList<>();
        for (Deployment deployment : overlay.all(Deployment.class)) {
            WorkloadsTest.environment(overlay, deployment).forEach((name, variable) -> {
                if (variable.getValue() != null && shipped.stream().anyMatch(variable.getValue()::contains)) {
                    leaks.add(deployment.getMetadata().getName() + ": " + name);
                }
            });
        }
        for (ConfigMap configMap : overlay.all(ConfigMap.class)) {
            if (configMap.getData() != null) {
                configMap.getData().forEach((key, value) -> {
                    if (shipped.stream().anyMatch(value::contains)) {
                        leaks.add("ConfigMap " + configMap.getMetadata().getName() + ": " + key);
                    }
                });
            }
        }
        assertThat(leaks)
                .as("plain values in %s that are secrets shipped for local development", overlay)
                .isEmpty();
    }

    @Test
    void localSecretsAreLabelledLocalOnlyAndHoldOnlyShippedOrLocalOnlyValues() {
        Set<String> shipped = shippedSecretValues();
        for (Secret secret : RenderedOverlay.of("local").all(Secret.class)) {
            assertThat(secret.getMetadata().getLabels()).containsEntry("stack.k8s/local-only", "true");
            secret.getData().forEach((key, encoded) -> {
                String value = new String(
                        java.util.Base64.getMimeDecoder().decode(encoded), java.nio.charset.StandardCharsets.UTF_8);
                if (!key.equals("username")) {
                    assertThat(shipped.contains(value) || value.startsWith("local-only-"))
                            .as(
                                    "%s/%s is a value the repository ships or says is local-only",
                                    secret.getMetadata().getName(), key)
                            .isTrue();
                }
            });
        }
    }

    /** The values this repository ships for local development: public, so never a deployment's. */
    private static Set<String> shippedSecretValues() {
        Set<String> values = new TreeSet<>();
        LocalOnlySecrets.SERVICE_TOKEN.forEach(s -> values.addAll(s.shippedValues()));
        LocalOnlySecrets.PARTNERS.values().forEach(list -> list.forEach(s -> values.addAll(s.shippedValues())));
        return values;
    }
}
