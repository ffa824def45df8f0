package com.stack.funding.adapters;

import java.time.Duration;

import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/** Binding values that may be null: R2DBC needs the type of a null to send it. */
final class Bindings {

    private Bindings() {
    }

    static <T> GenericExecuteSpec nullable(GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    /** A duration as PostgreSQL's {@code make_interval(secs => ...)} takes it. */
    static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
