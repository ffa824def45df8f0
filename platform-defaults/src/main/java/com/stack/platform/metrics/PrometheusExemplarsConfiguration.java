package com.stack.platform.metrics;

import io.prometheus.metrics.tracer.common.SpanContext;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Exemplars (a sample's trace id beside it, so a dashboard links a slow request to its trace) are on by default.
 * Micrometer puts them on every series, {@code _count} included, which Prometheus reads from 2.43 on; an older
 * Prometheus drops the whole scrape ("metric name ..._count does not support exemplars"). Debian 12 ships 2.42,
 * the one {@code ./stack up} runs locally, so the local profile sets {@code stack.metrics.exemplars=false}
 * ({@code STACK_METRICS_EXEMPLARS}): the registry then gets a span context that never samples, and writes none.
 */
@AutoConfiguration(
        beforeName =
                "org.springframework.boot.micrometer.tracing.autoconfigure.prometheus.PrometheusExemplarsAutoConfiguration")
@ConditionalOnClass(SpanContext.class)
@ConditionalOnProperty(name = "stack.metrics.exemplars", havingValue = "false")
public class PrometheusExemplarsConfiguration {

    @Bean
    @ConditionalOnMissingBean(SpanContext.class)
    SpanContext noExemplars() {
        return new SpanContext() {
            @Override
            public String getCurrentTraceId() {
                return null;
            }

            @Override
            public String getCurrentSpanId() {
                return null;
            }

            @Override
            public boolean isCurrentSpanSampled() {
                return false;
            }

            @Override
            public void markCurrentSpanAsExemplar() {}
        };
    }
}
