package com.stack.funding.shared.adapters;

import java.time.Duration;
import java.util.Map;

import com.stack.defaults.metrics.SagaMetrics;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import reactor.core.publisher.Mono;

/** Binding values that may be null: R2DBC needs the type of a null to send it. */
public final class Bindings {

    private Bindings() {}

    public static <T> GenericExecuteSpec nullable(GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    /** A duration as PostgreSQL's {@code make_interval(secs => ...)} takes it. */
    public static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    /**
     * A query's rows of {@code status}, {@code stuck} (a count) and {@code oldest} (seconds), by status, as the saga
     * metrics take them.
     */
    public static Mono<Map<String, SagaMetrics.Open>> openByStatus(GenericExecuteSpec query) {
        return query.map(row -> Map.entry(
                        row.get("status", String.class),
                        SagaMetrics.Open.of(row.get("stuck", Long.class), row.get("oldest", Double.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }
}
