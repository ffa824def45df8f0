package com.stack.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The partner sandbox, run in-process on a random port once per test JVM (as {@code java -jar} runs it, with its
 * own configuration file), for a service's partner adapter tests: they call it over HTTP exactly as production
 * calls the partners, and steer it through its control API ({@code /sandbox/...}). A service's test code extends
 * this with the sandbox application (test-support cannot depend on the sandbox, whose tests depend on it) and the
 * settings its tests want; {@link #shared} keeps one per subclass, closed when the JVM exits.
 */
public abstract class InProcessSandbox {

    public static final Duration TIMEOUT = Duration.ofSeconds(20);
    public static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() {};

    private static final Map<Class<?>, InProcessSandbox> SHARED = new HashMap<>();

    private final ConfigurableApplicationContext context;
    private final String baseUrl;

    /**
     * @param application the partner sandbox ({@code PartnerSandboxApplication.application()})
     * @param alsoExcluded auto-configurations to exclude besides the services' and web security's (what the service
     *                     brings onto the test classpath that the sandbox has no server for)
     * @param arguments    further command line arguments (e.g. quick settle delays: the tests wait for final states)
     */
    protected InProcessSandbox(SpringApplication application, List<String> alsoExcluded, String... arguments) {
        List<String> excluded = new ArrayList<>(SharedTestJvm.SERVICE_AUTO_CONFIGURATIONS);
        excluded.addAll(SharedTestJvm.WEB_SECURITY_AUTO_CONFIGURATIONS);
        excluded.addAll(alsoExcluded);
        List<String> args = new ArrayList<>(List.of(
                "--spring.autoconfigure.exclude=" + String.join(",", excluded),
                "--server.port=0",
                "--logging.structured.format.console=",
                "--logging.level.root=WARN"));
        args.addAll(List.of(arguments));
        context = application.run(args.toArray(String[]::new));
        baseUrl = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    /** The one sandbox of {@code type} in this JVM, started by {@code start} the first time. */
    protected static <T extends InProcessSandbox> T shared(Class<T> type, Supplier<T> start) {
        synchronized (SHARED) {
            InProcessSandbox sandbox = SHARED.get(type);
            if (sandbox == null) {
                sandbox = start.get();
                Runtime.getRuntime().addShutdownHook(new Thread(sandbox.context::close));
                SHARED.put(type, sandbox);
            }
            return type.cast(sandbox);
        }
    }

    public String url(String basePath) {
        return baseUrl + basePath;
    }

    /** {@code prefix.*} bound from these settings (and the properties' defaults for the rest), as Spring binds them. */
    public static <T> T properties(String prefix, Class<T> type, Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate(prefix, type);
    }

    /** The sandbox's control API (no credentials). */
    public WebClient control() {
        return WebClient.builder().baseUrl(url("/sandbox")).build();
    }

    public Map<String, Object> controlGet(String uri, Object... variables) {
        return control()
                .get()
                .uri(uri, variables)
                .retrieve()
                .bodyToMono(JSON_OBJECT)
                .block(TIMEOUT);
    }

    public void controlPut(String uri, Map<String, Object> body, Object... variables) {
        control()
                .put()
                .uri(uri, variables)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .retrieve()
                .toBodilessEntity()
                .block(TIMEOUT);
    }

    public Map<String, Object> controlPost(String uri, Map<String, Object> body, Object... variables) {
        return control()
                .post()
                .uri(uri, variables)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .retrieve()
                .bodyToMono(JSON_OBJECT)
                .block(TIMEOUT);
    }

    /** A request fault on {@code partner}'s {@code method pathPattern}: {@code status} for {@code count} requests. */
    public void fault(String partner, String method, String pathPattern, int status, int count) {
        controlPost(
                "/faults",
                Map.of(
                        "partner",
                        partner,
                        "method",
                        method,
                        "pathPattern",
                        pathPattern,
                        "status",
                        status,
                        "count",
                        count));
    }

    public void clearFaults() {
        control().delete().uri("/faults").retrieve().toBodilessEntity().block(TIMEOUT);
    }
}
