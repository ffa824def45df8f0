package com.stack.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every workload of every overlay against what its module really serves and reads ({@link ServiceModule}):
 * container ports, probe paths and ports, the Prometheus scrape, every environment variable; and the hardening,
 * autoscaling and disruption budget every Deployment has.
 */
class WorkloadsTest {
    @ParameterizedTest
    @MethodSource(RenderedOverlay.EVERY_OVERLAY)
    void everyDeployableIsDeployedAndTheSandboxOnlyLocally(RenderedOverlay overlay) {
        Set<String> expected = new TreeSet<>(ServiceModule.DEPLOYABLES);
        if (overlay.name.equals("local")) {
            expected.add(ServiceModule.SANDBOX);
        }
        assertThat(overlay.all(Deployment.class))
                .extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @MethodSource(RenderedOverlay.EVERY_OVERLAY)
    void containerPortsAreTheOnesTheModulesServe(RenderedOverlay overlay) {
        for (Deployment deployment : overlay.all(Deployment.class)) {
            ServiceModule module = ServiceModule.of(deployment.getMetadata().getName());
            Set<Integer> served = new TreeSet<>(Set.of(module.port));
            module.managementPort.ifPresent(served::add);
            assertThat(container(deployment).getPorts())
                    .extracting(ContainerPort::getContainerPort)
                    .as("ports of %s in %s", module.name, overlay)
                    .containsExactlyInAnyOrderElementsOf(served);
        }
    }

    @ParameterizedTest
    @MethodSource(RenderedOverlay.EVERY_OVERLAY)
    void probesAskTheHealthGroupsTheModulesServe(RenderedOverlay overlay) {
        for (Deployment deployment : overlay.all(Deployment.class)) {
            ServiceModule module = ServiceModule.of(deployment.getMetadata().getName());
            Container container = container(deployment);
            Set<String> served = servedHealthPaths(module);
            for (Probe probe : new Probe[] {
                container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe()
            }) {
                assertThat(probe)
                        .as("every probe of %s in %s", module.name, overlay)
                        .isNotNull();
                HTTPGetAction get = probe.getHttpGet();
                assertThat(get.getPath()).as("probe path of %s", module.name).isIn(served);
                assertThat(portNumber(
                                container,
                                get.getPort().getStrVal(),
                                get.getPort().getIntVal()))
                        .as("probe port of %s", module.name)
                        .isEqualTo(module.port);
            }
            if (module.healthGroups.containsAll(List.of("liveness", "readiness"))) {
                assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
                assertThat(container.getReadinessProbe().getHttpGet().getPath())
                        .isEqualTo("/actuator/health/readiness");
            }
        }
    }

    @ParameterizedTest
    @MethodSource(RenderedOverlay.EVERY_OVERLAY)
    void prometheusScrapesEveryServiceWhereItServesItsMetrics(RenderedOverlay overlay) {
        for (String name : ServiceModule.DEPLOYABLES) {
            ServiceModule module = ServiceModule.of(name);
            assertThat(module.exposedEndpoints)
                    .as("%s exposes prometheus", name)
                    .contains("prometheus");
            ServiceMonitor monitor = overlay.all(ServiceMonitor.class).stream()
                    .filter(m -> m.getMetadata().getName().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no ServiceMonitor " + name + " in " + overlay));
            Service service = service(overlay, name);
            assertThat(monitor.getSpec().getSelector().getMatchLabels())
                    .isEqualTo(service.getSpec().getSelector());
            assertThat(service.getMetadata().getLabels())
                    .containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels());
            assertThat(monitor.getSpec().getEndpoints()).singleElement().satisfies(endpoint -> {
                assertThat(endpoint.getPath()).isEqualTo("/actuator/prometheus");
                var port = service.getSpec().getPorts().stream()
                        .filter(p -> p.getName().equals(endpoint.getPort()))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(name + "'s Service has no port " + endpoint.getPort()));
                assertThat(portNumber(
                                container(overlay.deployment(name)),
                                port.getTargetPort().getStrVal(),
                                port.getTargetPort().getIntVal()))
                        .isEqualTo(module.actuatorPort());
            });
        }
    }

    @ParameterizedTest
    @MethodSource(RenderedOverlay.EVERY_OVERLAY)
    void everyEnvironmentVariableIsOneTheModuleReads(RenderedOverlay overlay) {
        List<String> unread = new ArrayList<>();
        for (Deployment deployment : overlay.all(Deployment.class)) {
            ServiceModule module = ServiceModule.of(deployment.getMetadata().getName());
            for (String variable : environment(overlay, deployment).keySet()) {
                if (!module.reads(variable)) {
                    unread.add(module.name + ": " + variable);
                }
            }
        }
        assertThat(unread)
                .as("variables set in %s that no configuration reads", overlay)
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource(RenderedOverlay.EVERY_OVERLAY)
    void servicesAreToldWhereTheirDatabaseKafkaAndRedisAre(RenderedOverlay overlay) {
        for (ServiceModule module : ServiceModule.deployables()) {
            Set<String> variables =
                    environment(overlay, overlay.deployment(module.name)).keySet();
            if (module.usesDatabase()) {
                assertThat(variables).contains("STACK_DB_HOST", "STACK_DB_NAME", "STACK_DB_USER", "STACK_DB_PASSWORD");
            }
            if (module.usesKafka()) {
                assertThat(variables).contains("STACK_KAFKA_BOOTSTRAP");
            }
            if (module.usesRedis) {
                assertThat(variables).contains("SPRING_DATA_REDIS_HOST", "SPRING_DATA_REDIS_PASSWORD");
            }
            assertThat(variables)
                    .as("%s checks tokens against the identity provider", module.name)
                    .contains("STACK_JWT_ISSUER", "STACK_JWKS_URI", "STACK_SERVICE_TOKEN_SECRET");
        }
    }

    @ParameterizedTest
    @MethodSource(RenderedOverlay.EVERY_OVERLAY)
    void everyContainerIsHardened(RenderedOverlay overlay) {
        overlay.podTemplates().forEach((name, template) -> {
            var pod = template.getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot())
                    .as("%s runAsNonRoot", name)
                    .isTrue();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken())
                    .as("%s mounts no API token", name)
                    .isFalse();
            assertThat(pod.getInitContainers()).isEmpty();
            for (Container container : pod.getContainers()) {
                var security = container.getSecurityContext();
                assertThat(security)
                        .as("%s/%s securityContext", name, container.getName())
                        .isNotNull();
                assertThat(security.getRunAsNonRoot()).isTrue();
                assertThat(security.getRunAsUser()).isEqualTo(65532L);
                assertThat(security.getReadOnlyRootFilesystem()).isTrue();
                assertThat(security.getAllowPrivilegeEscalation()).isFalse();
                assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
                assertThat(security.getCapabilities().getAdd()).isEmpty();
                assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
                assertThat(container.getLivenessProbe()).as("%s liveness", name).isNotNull();
                assertThat(container.getReadinessProbe())
                        .as("%s readiness", name)
                        .isNotNull();
                assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).containsKey("memory");
                assertThat(container.getVolumeMounts())
                        .anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
            }
        });
    }

    @ParameterizedTest
    @MethodSource(RenderedOverlay.EVERY_OVERLAY)
    void everyServiceDeploymentHasAnAutoscalerADisruptionBudgetAndSpreads(RenderedOverlay overlay) {
        for (String name : ServiceModule.DEPLOYABLES) {
            Deployment deployment = overlay.deployment(name);
            Map<String, String> podLabels =
                    deployment.getSpec().getTemplate().getMetadata().getLabels();
            HorizontalPodAutoscaler autoscaler = overlay.all(HorizontalPodAutoscaler.class).stream()
                    .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(name)
                            && h.getSpec().getScaleTargetRef().getKind().equals("Deployment"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no HorizontalPodAutoscaler for " + name));
            assertThat(autoscaler.getSpec().getMinReplicas()).isPositive();
            assertThat(autoscaler.getSpec().getMaxReplicas())
                    .isGreaterThanOrEqualTo(autoscaler.getSpec().getMinReplicas());
            assertThat(overlay.all(PodDisruptionBudget.class))
                    .as("a PodDisruptionBudget selecting %s", name)
                    .anySatisfy(budget -> assertThat(podLabels)
                            .containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels()));
            assertThat(deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
                    .extracting(c -> c.getTopologyKey())
                    .containsExactlyInAnyOrder("topology.kubernetes.io/zone", "kubernetes.io/hostname");
            if (overlay.name.equals("production")) {
                assertThat(deployment.getSpec().getReplicas())
                        .as("%s replicas in production", name)
                        .isGreaterThanOrEqualTo(2);
                assertThat(autoscaler.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
            } else {
                assertThat(deployment.getSpec().getReplicas())
                        .as("%s replicas locally", name)
                        .isEqualTo(1);
                assertThat(autoscaler.getSpec().getMinReplicas()).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @MethodSource(RenderedOverlay.EVERY_OVERLAY)
    void imagesAreTheModulesTaggedWithTheProjectVersion(RenderedOverlay overlay) {
        for (Deployment deployment : overlay.all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            String image = container(deployment).getImage();
            assertThat(image).as("image of %s", name).endsWith("stack/" + name + ":" + Repository.VERSION);
            if (overlay.name.equals("production")) {
                assertThat(image).as("production pulls from its registry").contains("/stack/");
            }
        }
    }

    private static Set<String> servedHealthPaths(ServiceModule module) {
        Set<String> paths = new TreeSet<>();
        assertThat(module.exposedEndpoints).contains("health");
        paths.add("/actuator/health");
        module.healthGroups.forEach(group -> paths.add("/actuator/health/" + group));
        return paths;
    }

    /** A container's variables, its own and those of the ConfigMaps it takes whole. */
    static Map<String, EnvVar> environment(RenderedOverlay overlay, Deployment deployment) {
        Map<String, EnvVar> variables = new java.util.TreeMap<>();
        Container container = container(deployment);
        for (var source : container.getEnvFrom()) {
            assertThat(source.getSecretRef())
                    .as("secrets are taken key by key, by name")
                    .isNull();
            overlay.configMap(source.getConfigMapRef().getName())
                    .getData()
                    .forEach((key, value) -> variables.put(key, new EnvVar(key, value, null)));
        }
        container.getEnv().forEach(variable -> variables.put(variable.getName(), variable));
        return variables;
    }

    static Container container(Deployment deployment) {
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers()).hasSize(1);
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    static Container container(PodTemplateSpec template) {
        return template.getSpec().getContainers().get(0);
    }

    static Service service(RenderedOverlay overlay, String name) {
        return overlay.all(Service.class).stream()
                .filter(s -> s.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Service " + name + " in " + overlay));
    }

    /** A port given by name or number, as the container declares it. */
    static int portNumber(Container container, String name, Integer number) {
        if (name == null) {
            return number;
        }
        return container.getPorts().stream()
                .filter(p -> name.equals(p.getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no port named " + name))
                .getContainerPort();
    }
}
