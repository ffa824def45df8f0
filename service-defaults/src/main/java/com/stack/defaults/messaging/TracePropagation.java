package com.stack.defaults.messaging;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import reactor.util.context.ContextView;

/**
 * W3C trace context across Kafka: the outbox stores the {@code traceparent} of the change that
 * wrote the event; a consumer continues that trace in a consumer span and hands its traceparent to
 * the events the handler appends (through the Reactor context), so one trace spans the hops.
 * Without Micrometer Tracing (no tracer bean) events carry no trace context.
 */
public class TracePropagation {

    /** Reactor context key holding the traceparent of the event being handled. */
    public static final String CONTEXT_KEY = TracePropagation.class.getName() + ".traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    public TracePropagation(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    public static TracePropagation none() {
        return new TracePropagation(null, null);
    }

    /** The traceparent to record with a new event: the handled event's span, else the current span, else none. */
    String traceparent(ContextView context) {
        if (context.hasKey(CONTEXT_KEY)) {
            return context.get(CONTEXT_KEY);
        }
        if (tracer == null || propagator == null) {
            return null;
        }
        Span span = tracer.currentSpan();
        return span == null ? null : traceparentOf(span);
    }

    /** A consumer span continuing {@code traceparent} (a new trace when null); null without a tracer. */
    Span startConsumerSpan(String traceparent, String name) {
        if (tracer == null || propagator == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        if (traceparent != null) {
            carrier.put(EventCodec.TRACEPARENT, traceparent);
        }
        return propagator
                .extract(carrier, Map::get)
                .name(name)
                .kind(Span.Kind.CONSUMER)
                .start();
    }

    String traceparentOf(Span span) {
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        return carrier.get(EventCodec.TRACEPARENT);
    }
}
