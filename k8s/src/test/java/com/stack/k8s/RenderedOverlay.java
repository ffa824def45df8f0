package com.stack.k8s;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * One overlay as {@code kubectl kustomize} renders it, every object read strictly into its typed model: fabric8's
 * for Kubernetes and the Prometheus Operator, Strimzi's own classes for Kafka, {@link CloudNativePg} for
 * PostgreSQL. A field a model does not know fails: Jackson's FAIL_ON_UNKNOWN_PROPERTIES, and, since these models
 * keep unknown fields in an {@code additionalProperties} map instead, a walk that finds every such map empty. A
 * kind with no model fails too.
 */
final class RenderedOverlay {

    /** The kinds this tree may hold, by apiVersion and kind. */
    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class),
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class),
            Map.entry("postgresql.cnpg.io/v1/Cluster", CloudNativePg.Cluster.class),
            Map.entry("postgresql.cnpg.io/v1/Database", CloudNativePg.Database.class),
            Map.entry("postgresql.cnpg.io/v1/ScheduledBackup", CloudNativePg.ScheduledBackup.class));

    static final List<String> OVERLAYS = List.of("local", "production");
    /** The parameters of a test run once per overlay: {@code @MethodSource(RenderedOverlay.EVERY_OVERLAY)}. */
    static final String EVERY_OVERLAY = "com.stack.k8s.RenderedOverlay#overlays";

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Map<String, RenderedOverlay> RENDERED = new ConcurrentHashMap<>();

    final String name;
    final List<Object> objects;

    private RenderedOverlay(String name, List<Object> objects) {
        this.name = name;
        this.objects = objects;
    }

    /** The overlay k8s/overlays/{name}, rendered once per test JVM. */
    static RenderedOverlay of(String name) {
        return RENDERED.computeIfAbsent(name, RenderedOverlay::render);
    }

    /** Every overlay: the source of the tests' parameters. */
    static Stream<RenderedOverlay> overlays() {
        return OVERLAYS.stream().map(RenderedOverlay::of);
    }

    <T> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    Deployment deployment(String name) {
        return all(Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("overlay " + this.name + " has no Deployment " + name));
    }

    /** The pod templates of every workload: Deployments and StatefulSets. */
    Map<String, PodTemplateSpec> podTemplates() {
        Map<String, PodTemplateSpec> templates = new java.util.TreeMap<>();
        all(Deployment.class)
                .forEach(d ->
                        templates.put(d.getMetadata().getName(), d.getSpec().getTemplate()));
        all(StatefulSet.class)
                .forEach(s ->
                        templates.put(s.getMetadata().getName(), s.getSpec().getTemplate()));
        return templates;
    }

    ConfigMap configMap(String name) {
        return all(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("overlay " + this.name + " has no ConfigMap " + name));
    }

    boolean hasDeployment(String name) {
        return all(Deployment.class).stream()
                .anyMatch(d -> d.getMetadata().getName().equals(name));
    }

    @Override
    public String toString() {
        return name;
    }

    private static RenderedOverlay render(String name) {
        Path dir = Repository.K8S.resolve("overlays").resolve(name);
        String yaml = kustomize(dir);
        List<Object> objects = new ArrayList<>();
        try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (documents.hasNextValue()) {
                JsonNode document = documents.nextValue();
                if (document == null || document.isNull() || document.isEmpty()) {
                    continue;
                }
                objects.add(parse(name, document));
            }
        }
        return new RenderedOverlay(name, List.copyOf(objects));
    }

    private static Object parse(String overlay, JsonNode document) {
        String key = document.path("apiVersion").asString() + "/"
                + document.path("kind").asString();
        String what = key + " " + document.path("metadata").path("name").asString() + " (overlay " + overlay + ")";
        Class<?> model = MODELS.get(key);
        if (model == null) {
            throw new AssertionError(what + ": no model for this kind; add one to RenderedOverlay.MODELS");
        }
        Object object;
        try {
            object = STRICT.treeToValue(document, model);
        } catch (RuntimeException e) {
            throw new AssertionError(what + " does not read strictly: " + e.getMessage(), e);
        }
        List<String> unknown = new ArrayList<>();
        collectUnknown(object, what, unknown, Collections.newSetFromMap(new IdentityHashMap<>()));
        if (!unknown.isEmpty()) {
            throw new AssertionError("fields the model does not know: " + unknown);
        }
        return object;
    }

    /** Every non-empty {@code additionalProperties} map under {@code value}, by the path to it. */
    private static void collectUnknown(Object value, String path, List<String> unknown, Set<Object> seen) {
        if (value == null
                || value instanceof String
                || value instanceof Number
                || value instanceof Boolean
                || value instanceof Enum<?>
                || !seen.add(value)) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknown(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collectUnknown(v, path + "." + k, unknown, seen));
            return;
        }
        String packageName = value.getClass().getPackageName();
        if (!packageName.startsWith("io.fabric8")
                && !packageName.startsWith("io.strimzi")
                && !packageName.startsWith("com.stack")) {
            return;
        }
        for (Class<?> type = value.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                Object fieldValue;
                try {
                    fieldValue = field.get(value);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                if (field.getName().equals("additionalProperties")) {
                    if (fieldValue instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        unknown.add(path + ": " + extra.keySet());
                    }
                } else {
                    collectUnknown(fieldValue, path + "." + field.getName(), unknown, seen);
                }
            }
        }
    }

    private static String kustomize(Path dir) {
        Process process;
        try {
            process = new ProcessBuilder("kubectl", "kustomize", dir.toString())
                    .redirectErrorStream(false)
                    .start();
        } catch (IOException e) {
            throw new AssertionError(
                    "kubectl is not on the PATH: the k8s tests render every overlay with"
                            + " `kubectl kustomize` (kubectl 1.27 or newer; Debian/Ubuntu: apt-get install kubectl from"
                            + " the Kubernetes apt repository)",
                    e);
        }
        try {
            var out = process.getInputStream().readAllBytes();
            var err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(
                        "kubectl kustomize " + dir + " failed: " + new String(err, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("reading kubectl kustomize " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted rendering " + dir, e);
        }
    }
}
