package com.stack.defaults.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.v1.KycStatusChanged;
import com.stack.contracts.events.v1.UserRegistered;
import com.stack.testsupport.ServiceTestProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * One trace across two Kafka hops, with a real OpenTelemetry tracer: an event appended under a
 * producer's trace is handled in a consumer span of that trace; the event that handler appends
 * carries the consumer span as its parent, and its own consumer continues the same trace.
 */
@SpringBootTest(
        classes = TraceAcrossKafkaTest.TracedApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "stack.database=placeholder",
            "spring.application.name=trace-test",
            "spring.flyway.locations=classpath:db/messaging",
            "stack.messaging.publishes=true",
            "stack.messaging.relay.sweep-interval=200ms"
        })
class TraceAcrossKafkaTest {

    static final List<SpanData> FINISHED = new CopyOnWriteArrayList<>();
    /** The traceparent each handler saw in its Reactor context, by the user the event is about. */
    static final Map<String, String> SEEN_BY_KYC_HANDLER = new ConcurrentHashMap<>();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.registerInfrastructure(registry, "stack_messaging_trace_test");
    }

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionalOperator transactions;

    @Test
    void oneTraceSpansProducerConsumerAndTheEventsTheConsumerPublishes() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String producerSpan = "00f067aa0ba902b7";
        UUID user = UUID.randomUUID();
        EventEnvelope<UserRegistered> registered = EventEnvelope.of(
                        "/trace-test", new UserRegistered(user, null, null, Instant.now()))
                .withTraceparent("00-" + traceId + "-" + producerSpan + "-01");

        transactions.transactional(outbox.append(registered)).block();

        await().atMost(Duration.ofSeconds(30)).until(() -> SEEN_BY_KYC_HANDLER.containsKey(user.toString()));
        await().atMost(Duration.ofSeconds(5)).until(() -> consumerSpans(traceId).size() == 2);
        List<SpanData> spans = consumerSpans(traceId);
        SpanData first = spans.stream()
                .filter(s -> s.getName().contains("UserRegistered"))
                .findFirst()
                .orElseThrow();
        SpanData second = spans.stream()
                .filter(s -> s.getName().contains("KycStatusChanged"))
                .findFirst()
                .orElseThrow();
        // hop 1: the consumer span is a child of the producer's span
        assertThat(first.getParentSpanId()).isEqualTo(producerSpan);
        // hop 2: the event the first handler appended carried the first consumer span as its parent
        assertThat(second.getParentSpanId()).isEqualTo(first.getSpanId());
        assertThat(SEEN_BY_KYC_HANDLER.get(user.toString()))
                .isEqualTo("00-" + traceId + "-" + second.getSpanId() + "-01");
    }

    private static List<SpanData> consumerSpans(String traceId) {
        return FINISHED.stream()
                .filter(s -> s.getTraceId().equals(traceId) && s.getKind() == SpanKind.CONSUMER)
                .toList();
    }

    @SpringBootConfiguration
    @ImportAutoConfiguration({
        R2dbcAutoConfiguration.class,
        R2dbcTransactionManagerAutoConfiguration.class,
        DataR2dbcAutoConfiguration.class,
        TransactionAutoConfiguration.class,
        FlywayAutoConfiguration.class,
        MessagingAutoConfiguration.class
    })
    static class TracedApplication {

        private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(new CollectingExporter()))
                .build();
        private final ContextPropagators propagators =
                ContextPropagators.create(W3CTraceContextPropagator.getInstance());

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        Tracer tracer() {
            return new OtelTracer(tracerProvider.get("trace-test"), new OtelCurrentTraceContext(), event -> {});
        }

        @Bean
        Propagator propagator() {
            return new OtelPropagator(propagators, tracerProvider.get("trace-test"));
        }

        /** Hop 1: a registration makes this service announce a KYC status, in the consumer's transaction. */
        @Bean
        EventSubscription<UserRegistered> onRegistered(Outbox outbox) {
            return EventSubscription.on(
                    UserRegistered.class,
                    event -> outbox.append(
                            new KycStatusChanged(event.data().userId(), "NOT_STARTED", 1, Instant.now(), null)));
        }

        /** Hop 2: records the trace context its handler runs in. */
        @Bean
        EventSubscription<KycStatusChanged> onKycStatus() {
            return EventSubscription.on(
                    KycStatusChanged.class,
                    event -> Mono.deferContextual(context -> {
                        SEEN_BY_KYC_HANDLER.put(
                                event.data().userId().toString(),
                                context.getOrDefault(TracePropagation.CONTEXT_KEY, "none"));
                        return Mono.empty();
                    }));
        }
    }

    static final class CollectingExporter implements SpanExporter {

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            FINISHED.addAll(spans);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
