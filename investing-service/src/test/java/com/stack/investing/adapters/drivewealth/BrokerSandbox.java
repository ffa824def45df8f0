package com.stack.investing.adapters.drivewealth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.stack.sandbox.PartnerSandboxApplication;
import com.stack.testsupport.SharedTestJvm;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The partner sandbox, in-process on a random port once per test JVM, for investing's broker and market data
 * adapters: they call its DriveWealth, Alpaca and SQS emulators over HTTP as production calls the partners, and
 * the tests steer its market and faults through the control API ({@code /sandbox/...}). Orders fill quickly.
 */
public final class BrokerSandbox {

    public static final Duration TIMEOUT = Duration.ofSeconds(20);
    public static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };

    private static BrokerSandbox shared;

    private final ConfigurableApplicationContext context;
    private final String baseUrl;

    private BrokerSandbox() {
        List<String> excluded = new ArrayList<>(SharedTestJvm.SERVICE_AUTO_CONFIGURATIONS);
        excluded.addAll(SharedTestJvm.WEB_SECURITY_AUTO_CONFIGURATIONS);
        context = SharedTestJvm.isolated(PartnerSandboxApplication.application()).run(
                "--spring.autoconfigure.exclude=" + String.join(",", excluded),
                "--server.port=0",
                "--stack.sandbox.market.fill-delay=100ms",
                "--stack.sandbox.drivewealth.settle-delay=100ms",
                "--logging.structured.format.console=",
                "--logging.level.root=WARN");
        baseUrl = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    public static synchronized BrokerSandbox shared() {
        if (shared == null) {
            shared = new BrokerSandbox();
            Runtime.getRuntime().addShutdownHook(new Thread(shared.context::close));
        }
        return shared;
    }

    public String url(String basePath) {
        return baseUrl + basePath;
    }

    /** {@code prefix.*} bound from these settings and the properties' defaults, as Spring binds them. */
    public static <T> T properties(String prefix, Class<T> type, Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate(prefix, type);
    }

    /** The control API (no credentials). */
    public WebClient control() {
        return WebClient.builder().baseUrl(url("/sandbox")).build();
    }

    public Map<String, Object> controlGet(String uri, Object... variables) {
        return control().get().uri(uri, variables).retrieve().bodyToMono(JSON_OBJECT).block(TIMEOUT);
    }

    public void controlPut(String uri, Map<String, Object> body, Object... variables) {
        control().put().uri(uri, variables).contentType(MediaType.APPLICATION_JSON).bodyValue(body).retrieve()
                .toBodilessEntity().block(TIMEOUT);
    }

    public Map<String, Object> controlPost(String uri, Map<String, Object> body, Object... variables) {
        return control().post().uri(uri, variables).contentType(MediaType.APPLICATION_JSON).bodyValue(body).retrieve()
                .bodyToMono(JSON_OBJECT).block(TIMEOUT);
    }

    /** A request fault on {@code partner}'s {@code method pathPattern}: {@code status} for {@code count} requests. */
    public void fault(String partner, String method, String pathPattern, int status, int count) {
        controlPost("/faults", Map.of("partner", partner, "method", method, "pathPattern", pathPattern, "status", status,
                "count", count));
    }

    public void clearFaults() {
        control().delete().uri("/faults").retrieve().toBodilessEntity().block(TIMEOUT);
    }
}
