package com.stack.investing.order.adapters;

import org.springframework.r2dbc.core.DatabaseClient;

/** Binding a value that may be null (R2DBC needs the type of a null). */
final class Bindings {

    private Bindings() {}

    static <T> DatabaseClient.GenericExecuteSpec nullable(
            DatabaseClient.GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }
}
