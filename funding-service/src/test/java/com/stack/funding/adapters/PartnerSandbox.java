package com.stack.funding.adapters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.stack.contracts.chains.EthereumAddress;
import com.stack.contracts.chains.SolanaAddress;
import com.stack.sandbox.PartnerSandboxApplication;
import com.stack.testsupport.SharedTestJvm;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The partner sandbox, run in-process on a random port once per test JVM (as {@code java -jar} runs it,
 * with its own configuration file), for the partner adapters' tests: they call it over HTTP exactly as
 * production calls the partners, and steer it through its control API ({@code /sandbox/...}).
 */
public final class PartnerSandbox {

    public static final Duration TIMEOUT = Duration.ofSeconds(20);
    public static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };

    /** Redis, which funding brings onto the test classpath besides the services' usual (the sandbox has none). */
    private static final List<String> REDIS_AUTO_CONFIGURATIONS = List.of(
            "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration");

    private static PartnerSandbox shared;

    private final ConfigurableApplicationContext context;
    private final String baseUrl;

    private PartnerSandbox() {
        List<String> excluded = new ArrayList<>(SharedTestJvm.SERVICE_AUTO_CONFIGURATIONS);
        excluded.addAll(SharedTestJvm.WEB_SECURITY_AUTO_CONFIGURATIONS);
        excluded.addAll(REDIS_AUTO_CONFIGURATIONS);
        // its own event loops and connection pool: closing it must not dispose those of the JVM's other contexts
        context = SharedTestJvm.isolated(PartnerSandboxApplication.application()).run(
                "--spring.autoconfigure.exclude=" + String.join(",", excluded),
                "--server.port=0",
                // settles quickly: the tests wait for final states
                "--stack.sandbox.circle.transfers.settle-delay=100ms",
                "--stack.sandbox.circle.transactions.step-delay=50ms",
                "--stack.sandbox.due.settle-delay=100ms",
                "--logging.structured.format.console=",
                "--logging.level.root=WARN");
        baseUrl = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    public static synchronized PartnerSandbox shared() {
        if (shared == null) {
            shared = new PartnerSandbox();
            Runtime.getRuntime().addShutdownHook(new Thread(shared.context::close));
        }
        return shared;
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
        return control().get().uri(uri, variables).retrieve().bodyToMono(JSON_OBJECT).block(TIMEOUT);
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

    /** A valid Ethereum address of no wallet: EIP-55, of random bytes. */
    public static String ethereumAddress() {
        byte[] bytes = new byte[EthereumAddress.LENGTH_BYTES];
        ThreadLocalRandom.current().nextBytes(bytes);
        return EthereumAddress.checksum(bytes);
    }

    /** A valid Solana address of no wallet: base58 of 32 random bytes. */
    public static String solanaAddress() {
        byte[] bytes = new byte[SolanaAddress.LENGTH_BYTES];
        ThreadLocalRandom.current().nextBytes(bytes);
        return SolanaAddress.of(bytes);
    }
}
