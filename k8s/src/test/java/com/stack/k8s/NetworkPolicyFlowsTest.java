package com.stack.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.strimzi.api.kafka.model.kafka.Kafka;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Under the namespace's default-deny, the NetworkPolicies allow exactly the flows that exist: each flow derived
 * from the modules' config (what each calls: {@link ServiceModule}) or from the manifests that make it (the
 * Ingress's backend, the sandbox's webhook endpoints), plus the operators' own traffic. A flow between two pods of
 * the namespace needs its egress side and its ingress side; every rule of every policy must be one of these flows.
 */
class NetworkPolicyFlowsTest {
    /** A flow from one component to another on a port (0: any port). */
    record Flow(String from, String to, int port, String protocol) implements Comparable<Flow> {
        @Override
        public int compareTo(Flow other) {
            return toString().compareTo(other.toString());
        }
    }

    private static final String POSTGRES = "postgres";
    private static final String KAFKA = "kafka";
    private static final String KAFKA_CLUSTER = "kafka-cluster";
    private static final String REDIS = "redis";
    private static final String DNS = "dns";
    private static final String INTERNET = "internet";
    private static final String ANY_ADDRESS = "any-address";
    private static final String PROMETHEUS = "prometheus";
    private static final String TRACE_COLLECTOR = "opentelemetry-collector";
    /** OTLP over HTTP, where every service that reads STACK_OTLP_ENDPOINT sends its spans. */
    private static final int OTLP_HTTP_PORT = 4318;

    private static final String INGRESS_CONTROLLER = "ingress-controller";
    private static final String EVERY_POD = "every-pod";

    /** Components outside the namespace's pods: only the namespace's side of a flow with them is a policy's. */
    private static final Set<String> OUTSIDE = Set.of(
            DNS,
            INTERNET,
            ANY_ADDRESS,
            PROMETHEUS,
            TRACE_COLLECTOR,
            INGRESS_CONTROLLER,
            "strimzi-operator",
            "cnpg-operator");

    @ParameterizedTest
    @MethodSource(RenderedOverlay.EVERY_OVERLAY)
    void theDefaultIsToDenyEverything(RenderedOverlay overlay) {
        assertThat(overlay.all(NetworkPolicy.class)).anySatisfy(policy -> {
            assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
            assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(policy.getSpec().getIngress()).isEmpty();
            assertThat(policy.getSpec().getEgress()).isEmpty();
        });
    }

    @ParameterizedTest
    @MethodSource(RenderedOverlay.EVERY_OVERLAY)
    void everyRealCallIsAllowedOnBothSides(RenderedOverlay overlay) {
        Allowed allowed = allowed(overlay);
        for (Flow flow : expected(overlay)) {
            if (!OUTSIDE.contains(flow.from())) {
                assertThat(allowed.egress())
                        .as("%s: egress of %s", overlay, flow)
                        .contains(flow);
            }
            if (!OUTSIDE.contains(flow.to()) && !flow.from().equals(EVERY_POD)) {
                assertThat(allowed.ingress())
                        .as("%s: ingress of %s", overlay, flow)
                        .contains(flow);
            }
        }
    }

    @ParameterizedTest
    @MethodSource(RenderedOverlay.EVERY_OVERLAY)
    void everyAllowedFlowIsARealCall(RenderedOverlay overlay) {
        Allowed allowed = allowed(overlay);
        Set<Flow> expected = expected(overlay);
        assertThat(allowed.egress())
                .as("%s: egress no code or operator needs", overlay)
                .isSubsetOf(expected);
        assertThat(allowed.ingress())
                .as("%s: ingress no code or operator needs", overlay)
                .isSubsetOf(expected);
    }

    @ParameterizedTest
    @MethodSource(RenderedOverlay.EVERY_OVERLAY)
    void everyPeerSelectsPodsThatExist(RenderedOverlay overlay) {
        Set<String> workloads = overlay.podTemplates().keySet();
        for (NetworkPolicy policy : overlay.all(NetworkPolicy.class)) {
            String selected = component(policy.getSpec().getPodSelector());
            if (!Set.of(EVERY_POD, POSTGRES, KAFKA, KAFKA_CLUSTER).contains(selected)) {
                assertThat(workloads)
                        .as("policy %s selects a workload", policy.getMetadata().getName())
                        .contains(selected);
                assertThat(overlay.podTemplates().get(selected).getMetadata().getLabels())
                        .containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
            }
        }
    }

    /** The flows the code and the operators need, in this overlay. */
    private static Set<Flow> expected(RenderedOverlay overlay) {
        Set<Flow> flows = new TreeSet<>();
        boolean sandbox = overlay.hasDeployment(ServiceModule.SANDBOX);
        int sandboxPort = ServiceModule.of(ServiceModule.SANDBOX).port;
        Map<Integer, String> modulesByPort = new java.util.HashMap<>();
        ServiceModule.deployables().forEach(m -> modulesByPort.put(m.port, m.name));
        for (ServiceModule module : ServiceModule.deployables()) {
            String name = module.name;
            flows.add(new Flow(PROMETHEUS, name, module.actuatorPort(), "TCP"));
            if (module.usesDatabase()) {
                flows.add(new Flow(name, POSTGRES, module.defaultPortOf("STACK_DB_PORT"), "TCP"));
            }
            if (module.usesKafka()) {
                flows.add(new Flow(name, KAFKA, module.defaultPortOf("STACK_KAFKA_BOOTSTRAP"), "TCP"));
            }
            if (module.usesRedis) {
                flows.add(new Flow(name, REDIS, 6379, "TCP"));
            }
            if (module.reads("STACK_OTLP_ENDPOINT")) {
                flows.add(new Flow(name, TRACE_COLLECTOR, OTLP_HTTP_PORT, "TCP"));
            }
            for (int port : module.calledLocalPorts()) {
                if (port == sandboxPort) {
                    flows.add(
                            sandbox
                                    ? new Flow(name, ServiceModule.SANDBOX, sandboxPort, "TCP")
                                    : new Flow(name, INTERNET, 443, "TCP"));
                } else {
                    String callee = modulesByPort.get(port);
                    assertThat(callee)
                            .as("%s calls port %d, which no module serves", name, port)
                            .isNotNull();
                    if (!callee.equals(name)) {
                        flows.add(new Flow(name, callee, port, "TCP"));
                    }
                }
            }
            for (int port : module.callbackPorts()) {
                String callee = modulesByPort.get(port);
                assertThat(callee)
                        .as("%s's callbacks reach port %d, which no module serves", name, port)
                        .isNotNull();
                flows.add(new Flow(sandbox ? ServiceModule.SANDBOX : INGRESS_CONTROLLER, callee, port, "TCP"));
            }
        }
        // the public routes: the Ingress's backends, reached from the ingress controller
        for (Ingress ingress : overlay.all(Ingress.class)) {
            ingress.getSpec()
                    .getRules()
                    .forEach(rule -> rule.getHttp().getPaths().forEach(path -> {
                        String service = path.getBackend().getService().getName();
                        var port = WorkloadsTest.service(overlay, service).getSpec().getPorts().stream()
                                .filter(p -> p.getName()
                                        .equals(path.getBackend()
                                                .getService()
                                                .getPort()
                                                .getName()))
                                .findFirst()
                                .orElseThrow();
                        flows.add(new Flow(
                                INGRESS_CONTROLLER,
                                service,
                                WorkloadsTest.portNumber(
                                        WorkloadsTest.container(overlay.deployment(service)),
                                        port.getTargetPort().getStrVal(),
                                        port.getTargetPort().getIntVal()),
                                "TCP"));
                    }));
        }
        if (sandbox) {
            // the partners' webhooks, delivered by the sandbox where its settings send them
            // (http://<service>:<port>/...)
            WorkloadsTest.environment(overlay, overlay.deployment(ServiceModule.SANDBOX)).values().stream()
                    .map(v -> v.getValue())
                    .filter(java.util.Objects::nonNull)
                    .flatMap(v -> java.util.regex.Pattern.compile("https?://([a-z0-9-]+):(\\d+)")
                            .matcher(v)
                            .results())
                    .filter(m -> !m.group(1).equals(ServiceModule.SANDBOX)) // its own issuer name, not a call
                    .forEach(m -> flows.add(
                            new Flow(ServiceModule.SANDBOX, m.group(1), Integer.parseInt(m.group(2)), "TCP")));
        }
        flows.add(new Flow(EVERY_POD, DNS, 53, "UDP"));
        flows.add(new Flow(EVERY_POD, DNS, 53, "TCP"));
        flows.addAll(operators());
        return flows;
    }

    /**
     * What the operators need, from their documentation (no code of ours says it): Strimzi's nodes talk to each
     * other on every port and the operator to them, its entity operator reads the Kubernetes API; CloudNativePG's
     * instances replicate (5432) and answer status calls (8000) to each other and to the operator, and reach the
     * Kubernetes API and the backup object store over HTTPS.
     */
    private static List<Flow> operators() {
        return List.of(
                new Flow(KAFKA_CLUSTER, KAFKA_CLUSTER, 0, "TCP"),
                new Flow("strimzi-operator", KAFKA_CLUSTER, 0, "TCP"),
                new Flow(KAFKA_CLUSTER, ANY_ADDRESS, 443, "TCP"),
                new Flow(KAFKA_CLUSTER, ANY_ADDRESS, 6443, "TCP"),
                new Flow(POSTGRES, POSTGRES, 5432, "TCP"),
                new Flow(POSTGRES, POSTGRES, 8000, "TCP"),
                new Flow("cnpg-operator", POSTGRES, 5432, "TCP"),
                new Flow("cnpg-operator", POSTGRES, 8000, "TCP"),
                new Flow(POSTGRES, ANY_ADDRESS, 443, "TCP"),
                new Flow(POSTGRES, ANY_ADDRESS, 6443, "TCP"));
    }

    /** The flows the policies allow, each side apart. */
    private record Allowed(Set<Flow> egress, Set<Flow> ingress) {}

    /** What the policies allow; Strimzi's listener peers become an ingress policy too. */
    private static Allowed allowed(RenderedOverlay overlay) {
        Set<Flow> egress = new TreeSet<>();
        Set<Flow> ingress = new TreeSet<>();
        for (NetworkPolicy policy : overlay.all(NetworkPolicy.class)) {
            String selected = component(policy.getSpec().getPodSelector());
            for (var rule : policy.getSpec().getIngress()) {
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    ports(rule.getPorts())
                            .forEach(p -> ingress.add(new Flow(component(peer), selected, p.port(), p.protocol())));
                }
            }
            for (var rule : policy.getSpec().getEgress()) {
                for (NetworkPolicyPeer peer : rule.getTo()) {
                    ports(rule.getPorts())
                            .forEach(p -> egress.add(new Flow(selected, component(peer), p.port(), p.protocol())));
                }
            }
        }
        for (Kafka kafka : overlay.all(Kafka.class)) {
            for (var listener : kafka.getSpec().getKafka().getListeners()) {
                for (NetworkPolicyPeer peer : listener.getNetworkPolicyPeers()) {
                    ingress.add(new Flow(component(peer), KAFKA, listener.getPort(), "TCP"));
                }
            }
        }
        return new Allowed(egress, ingress);
    }

    private record Port(int port, String protocol) {}

    private static List<Port> ports(List<NetworkPolicyPort> ports) {
        if (ports.isEmpty()) {
            return List.of(new Port(0, "TCP"));
        }
        return ports.stream()
                .map(p -> {
                    IntOrString port = p.getPort();
                    assertThat(port.getIntVal())
                            .as("policies name ports by number")
                            .isNotNull();
                    return new Port(port.getIntVal(), p.getProtocol() == null ? "TCP" : p.getProtocol());
                })
                .toList();
    }

    private static String component(NetworkPolicyPeer peer) {
        if (peer.getIpBlock() != null) {
            assertThat(peer.getIpBlock().getCidr()).isEqualTo("0.0.0.0/0");
            if (peer.getIpBlock().getExcept().isEmpty()) {
                return ANY_ADDRESS;
            }
            assertThat(peer.getIpBlock().getExcept())
                    .as("the internet, not the cluster's private ranges")
                    .containsExactlyInAnyOrder("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");
            return INTERNET;
        }
        if (peer.getNamespaceSelector() != null) {
            String namespace = peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name");
            Map<String, String> pods = peer.getPodSelector() == null
                    ? Map.of()
                    : peer.getPodSelector().getMatchLabels();
            return switch (namespace) {
                case "kube-system" -> expect(pods, Map.of("k8s-app", "kube-dns"), DNS);
                case "monitoring" ->
                    TRACE_COLLECTOR.equals(pods.get("app.kubernetes.io/name"))
                            ? expect(pods, Map.of("app.kubernetes.io/name", TRACE_COLLECTOR), TRACE_COLLECTOR)
                            : expect(pods, Map.of("app.kubernetes.io/name", "prometheus"), PROMETHEUS);
                case "ingress-nginx" ->
                    expect(pods, Map.of("app.kubernetes.io/name", "ingress-nginx"), INGRESS_CONTROLLER);
                case "strimzi" -> expect(pods, Map.of(), "strimzi-operator");
                case "cnpg-system" -> expect(pods, Map.of(), "cnpg-operator");
                default -> throw new AssertionError("a peer in a namespace no flow needs: " + namespace);
            };
        }
        return component(peer.getPodSelector());
    }

    private static String expect(Map<String, String> labels, Map<String, String> expected, String component) {
        assertThat(labels == null ? Map.of() : labels)
                .as("the pods of %s", component)
                .isEqualTo(expected);
        return component;
    }

    private static String component(LabelSelector selector) {
        assertThat(selector.getMatchExpressions()).isEmpty();
        Map<String, String> labels = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        if (labels.isEmpty()) {
            return EVERY_POD;
        }
        if (labels.equals(Map.of("cnpg.io/cluster", "stack-postgres"))) {
            return POSTGRES;
        }
        if (labels.equals(Map.of("strimzi.io/cluster", "stack-kafka", "strimzi.io/broker-role", "true"))) {
            return KAFKA;
        }
        if (labels.equals(Map.of("strimzi.io/cluster", "stack-kafka"))) {
            return KAFKA_CLUSTER;
        }
        assertThat(labels).as("a pod peer names one workload").containsOnlyKeys("app.kubernetes.io/name");
        return labels.get("app.kubernetes.io/name");
    }
}
