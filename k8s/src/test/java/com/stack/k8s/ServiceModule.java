package com.stack.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * What a deployable really serves and reads, derived from its own module: the port and management port of its
 * {@code <module>.yml} ({@code ${PORT:8083}}), the health groups it declares (its yml, platform-defaults'
 * stack-platform.properties and, for the services, service-defaults' stack-defaults.properties), the environment variables its configuration reads (the
 * {@code ${STACK_...}} placeholders, and the relaxed-binding names of its {@code @ConfigurationProperties} records,
 * found on the classpath), and what it calls (a database, Kafka, Redis, another module, the partners). The
 * manifests are checked against this, never against a second hand-written list.
 */
final class ServiceModule {

    /** The deployables of the base, the partner sandbox of the local overlay. */
    static final List<String> DEPLOYABLES = List.of(
            "onboarding-service", "wallet-service", "funding-service", "investing-service", "aicfo-service", "gateway");

    static final String SANDBOX = "partner-sandbox";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");
    private static final Pattern LOCAL_URL = Pattern.compile("https?://127\\.0\\.0\\.1:(\\d+)");
    private static final String CALLBACK = "_CALLBACK_URL";
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Map<String, ServiceModule> MODULES = new LinkedHashMap<>();

    final String name;
    final int port;
    /** The actuator's own port, when the module serves it apart from {@link #port}. */
    final Optional<Integer> managementPort;

    final Set<String> healthGroups;
    final Set<String> exposedEndpoints;
    /** {@code ${NAME:default}} placeholders of the module's configuration files: name to default ("" when none). */
    final Map<String, String> placeholders;
    /** Every property the module's {@code @ConfigurationProperties} records bind (prefix included). */
    final Set<String> boundProperties;
    /** The defaults of those records' {@code @DefaultValue}s. */
    final List<String> boundDefaults;

    final boolean usesRedis;
    private final boolean usesServiceDefaults;
    private final boolean usesPlatformDefaults;

    private ServiceModule(String name) {
        this.name = name;
        Path module = Repository.ROOT.resolve(name);
        String pom = Repository.read(module.resolve("pom.xml"));
        usesServiceDefaults = pom.contains("<artifactId>service-defaults</artifactId>");
        // service-defaults depends on platform-defaults; the gateway names it directly
        usesPlatformDefaults = usesServiceDefaults || pom.contains("<artifactId>platform-defaults</artifactId>");
        usesRedis = pom.contains("<artifactId>spring-boot-starter-data-redis-reactive</artifactId>");
        Path yml = module.resolve("src/main/resources/" + name + ".yml");
        // the first document: what every profile gets (later ones are profile-specific, e.g. the gateway's local)
        JsonNode config = YAML.readTree(Repository.read(yml).split("(?m)^---\\s*$")[0]);
        Properties defaults = new Properties();
        Map<String, String> found = new LinkedHashMap<>();
        List<String> configText = new ArrayList<>(List.of(Repository.read(yml)));
        List<Path> defaultsFiles = new ArrayList<>();
        if (usesPlatformDefaults) {
            defaultsFiles.add(
                    Repository.ROOT.resolve("platform-defaults/src/main/resources/stack-platform.properties"));
        }
        if (usesServiceDefaults) {
            defaultsFiles.add(Repository.ROOT.resolve("service-defaults/src/main/resources/stack-defaults.properties"));
        }
        for (Path defaultsFile : defaultsFiles) {
            configText.add(Repository.read(defaultsFile));
            try (var reader = Files.newBufferedReader(defaultsFile)) {
                defaults.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String text : configText) {
            Matcher m = PLACEHOLDER.matcher(text);
            while (m.find()) {
                found.putIfAbsent(m.group(1), m.group(2) == null ? "" : m.group(2));
            }
        }
        placeholders = Map.copyOf(found);
        port = Integer.parseInt(resolve(config.at("/server/port").asString()));
        JsonNode management = config.at("/management/server/port");
        managementPort = management.isMissingNode()
                ? Optional.empty()
                : Optional.of(Integer.parseInt(resolve(management.asString())));
        Set<String> groups = new TreeSet<>();
        config.at("/management/endpoint/health/group").propertyNames().forEach(groups::add);
        defaults.stringPropertyNames().stream()
                .map(key -> key.replaceFirst("^management\\.endpoint\\.health\\.group\\.([^.]+)\\..*$", "$1"))
                .filter(group -> !group.startsWith("management."))
                .filter(group -> !group.contains("."))
                .forEach(groups::add);
        healthGroups = Set.copyOf(groups);
        String exposure = config.at("/management/endpoints/web/exposure/include")
                        .isMissingNode()
                ? defaults.getProperty("management.endpoints.web.exposure.include", "health")
                : config.at("/management/endpoints/web/exposure/include").asString();
        exposedEndpoints = Set.of(exposure.split("\\s*,\\s*"));
        Set<String> properties = new TreeSet<>();
        List<String> defaultValues = new ArrayList<>();
        Stream.concat(
                        Stream.of(javaPackage(module)),
                        usesServiceDefaults
                                ? Stream.of(javaPackage(Repository.ROOT.resolve("service-defaults")))
                                : Stream.empty())
                .forEach(pkg -> bindings(pkg, properties, defaultValues));
        boundProperties = Set.copyOf(properties);
        boundDefaults = List.copyOf(defaultValues);
    }

    static synchronized ServiceModule of(String name) {
        return MODULES.computeIfAbsent(name, ServiceModule::new);
    }

    static List<ServiceModule> deployables() {
        return DEPLOYABLES.stream().map(ServiceModule::of).toList();
    }

    /** The port the actuator (health, Prometheus) is served on. */
    int actuatorPort() {
        return managementPort.orElse(port);
    }

    /**
     * Whether the module's configuration reads this environment variable: a placeholder of its configuration
     * files, a property of its {@code @ConfigurationProperties} (Spring's relaxed binding: {@code stack.circle.base-url}
     * from {@code STACK_CIRCLE_BASE_URL} or {@code STACK_CIRCLE_BASEURL}; an entry of a map, list or nested record
     * below it), or Spring Boot's own: the active profiles, and the Redis connection where the module uses Redis.
     */
    boolean reads(String variable) {
        if (placeholders.containsKey(variable) || variable.equals("SPRING_PROFILES_ACTIVE")) {
            return true;
        }
        if (usesRedis
                && Set.of("SPRING_DATA_REDIS_HOST", "SPRING_DATA_REDIS_PORT", "SPRING_DATA_REDIS_PASSWORD")
                        .contains(variable)) {
            return true;
        }
        return boundProperties.stream()
                .flatMap(ServiceModule::environmentNames)
                .anyMatch(env -> variable.equals(env) || variable.startsWith(env + "_"));
    }

    /** Whether it has a database of its own (stack.database, through STACK_DB_NAME). */
    boolean usesDatabase() {
        return placeholders.containsKey("STACK_DB_NAME");
    }

    boolean usesKafka() {
        return placeholders.containsKey("STACK_KAFKA_BOOTSTRAP");
    }

    /**
     * The local ports its configuration's default URLs point at: the other modules and the sandbox it calls. A
     * {@code *_CALLBACK_URL} is not called by the module: it is the address it gives a partner to call back.
     */
    Set<Integer> calledLocalPorts() {
        return localPorts(Stream.concat(
                placeholders.entrySet().stream()
                        .filter(e -> !e.getKey().endsWith(CALLBACK))
                        .map(Map.Entry::getValue),
                boundDefaults.stream()));
    }

    /** The local ports of its callback URLs: where partners call back (through the gateway). */
    Set<Integer> callbackPorts() {
        return localPorts(placeholders.entrySet().stream()
                .filter(e -> e.getKey().endsWith(CALLBACK))
                .map(Map.Entry::getValue));
    }

    private static Set<Integer> localPorts(Stream<String> values) {
        Set<Integer> ports = new TreeSet<>();
        values.forEach(value -> {
            Matcher m = LOCAL_URL.matcher(value);
            while (m.find()) {
                ports.add(Integer.parseInt(m.group(1)));
            }
        });
        return ports;
    }

    /** The default of a placeholder's port part, e.g. 5432 of ${STACK_DB_PORT:5432} or 9092 of 127.0.0.1:9092. */
    int defaultPortOf(String placeholder) {
        String value = placeholders.get(placeholder);
        if (value == null) {
            throw new AssertionError(name + " has no placeholder " + placeholder);
        }
        return Integer.parseInt(value.substring(value.lastIndexOf(':') + 1));
    }

    private String resolve(String value) {
        Matcher m = PLACEHOLDER.matcher(value);
        return m.matches() ? m.group(2) : value;
    }

    private static Stream<String> environmentNames(String property) {
        String uniform = property.toUpperCase(Locale.ROOT);
        return Stream.of(
                uniform.replace('.', '_').replace('-', '_'),
                uniform.replace("-", "").replace('.', '_'));
    }

    private static String javaPackage(Path module) {
        try (Stream<Path> dirs = Files.list(module.resolve("src/main/java/com/stack"))) {
            List<Path> packages = dirs.filter(Files::isDirectory).toList();
            if (packages.size() != 1) {
                throw new AssertionError(module + " has more than one package under com.stack: " + packages);
            }
            return "com.stack." + packages.get(0).getFileName();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void bindings(String javaPackage, Set<String> properties, List<String> defaults) {
        var scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return true;
            }
        };
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        for (var candidate : scanner.findCandidateComponents(javaPackage)) {
            Class<?> type;
            try {
                type = Class.forName(candidate.getBeanClassName());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
            walk(type, prefix, properties, defaults);
        }
    }

    private static void walk(Class<?> type, String prefix, Set<String> properties, List<String> defaults) {
        if (!type.isRecord()) {
            properties.add(prefix);
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            String property = prefix + "."
                    + component
                            .getName()
                            .replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                            .toLowerCase(Locale.ROOT);
            defaults.addAll(defaultValue(component));
            if (component.getType().isRecord()) {
                walk(component.getType(), property, properties, defaults);
            } else {
                properties.add(property);
            }
        }
    }

    /**
     * A record component's {@code @DefaultValue} (on the canonical constructor's parameter: the annotation targets
     * parameters); empty when it has none.
     */
    static List<String> defaultValue(RecordComponent component) {
        Class<?> record = component.getDeclaringRecord();
        RecordComponent[] components = record.getRecordComponents();
        Class<?>[] types =
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            var parameters = record.getDeclaredConstructor(types).getParameters();
            DefaultValue value = parameters[
                    Arrays.asList(Arrays.stream(components)
                                    .map(RecordComponent::getName)
                                    .toArray())
                            .indexOf(component.getName())]
                    .getAnnotation(DefaultValue.class);
            return value == null ? List.of() : List.of(value.value());
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(record + " has no canonical constructor", e);
        }
    }
}
