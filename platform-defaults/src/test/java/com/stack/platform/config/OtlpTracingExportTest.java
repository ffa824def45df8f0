package com.stack.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * {@code STACK_OTLP_ENDPOINT} (here {@code stack.otlp.endpoint}) sends the service's spans to an OTLP/HTTP collector,
 * named by the service: an HTTP server of the test's own plays the collector on {@code /v1/traces}. The context is
 * closed after the test, so its exporter does not outlive the collector.
 */
@DirtiesContext
@SpringBootTest(
        classes = OtlpTracingExportTest.TracedApplication.class,
        properties = {
            "spring.application.name=otlp-export-test",
            "management.tracing.sampling.probability=1.0",
            "management.opentelemetry.tracing.export.schedule-delay=100ms"
        })
class OtlpTracingExportTest {

    static final BlockingQueue<String> RECEIVED = new LinkedBlockingQueue<>();
    static final HttpServer COLLECTOR = collector();

    static {
        // as the environment variable would be: seen by the environment post-processors (a @DynamicPropertySource
        // arrives after them)
        System.setProperty(
                OtlpTracingEnvironmentPostProcessor.SETTING,
                "http://127.0.0.1:" + COLLECTOR.getAddress().getPort() + "/v1/traces");
    }

    @Autowired
    Tracer tracer;

    @AfterAll
    static void stopCollector() {
        System.clearProperty(OtlpTracingEnvironmentPostProcessor.SETTING);
        COLLECTOR.stop(0);
    }

    @Test
    void spansReachTheCollectorNamedByTheService() throws InterruptedException {
        Span span = tracer.nextSpan().name("otlp-export-test-span").start();
        span.end();

        String body;
        do {
            body = RECEIVED.poll(15, TimeUnit.SECONDS);
            assertThat(body).as("an OTLP export with the test's span").isNotNull();
        } while (!body.contains("otlp-export-test-span"));
        // protobuf strings travel as UTF-8: the resource's service.name and the span's name are in the body as such
        assertThat(body).contains("service.name").contains("otlp-export-test");
    }

    private static HttpServer collector() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/v1/traces", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                if ("POST".equals(exchange.getRequestMethod())
                        && "application/x-protobuf"
                                .equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                    RECEIVED.add(new String(body, StandardCharsets.ISO_8859_1));
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @SpringBootConfiguration
    @ImportAutoConfiguration({
        OpenTelemetrySdkAutoConfiguration.class,
        OpenTelemetryTracingAutoConfiguration.class,
        OtlpTracingAutoConfiguration.class,
        MicrometerTracingAutoConfiguration.class
    })
    static class TracedApplication {}
}
