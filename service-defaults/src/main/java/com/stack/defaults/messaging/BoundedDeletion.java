package com.stack.defaults.messaging;

import java.time.Duration;

import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Deletes the rows of a table that match a condition on their age, {@code batch} rows per statement and at most
 * {@code batches} statements a run (the rest waits for the next run, so the work beside it never waits long). The
 * condition is repeated outside the ctid list: a row changed since the inner scan read it is then not deleted.
 *
 * @param table     the table
 * @param condition a condition naming {@code :retention} (seconds), e.g. {@code processed_at < now() - make_interval(secs => :retention)}
 */
record BoundedDeletion(String table, String condition, int batch, int batches) {

    Mono<Void> run(DatabaseClient db, Duration retention) {
        String statement = "DELETE FROM " + table + " WHERE ctid = ANY(ARRAY(SELECT ctid FROM " + table + " WHERE "
                + condition + " LIMIT :batch)) AND " + condition;
        Mono<Long> once = Mono.defer(() -> db.sql(statement)
                .bind("retention", (double) retention.toSeconds())
                .bind("batch", batch)
                .fetch()
                .rowsUpdated());
        return once.expand(deleted -> deleted >= batch ? once : Mono.empty())
                .take(batches)
                .then();
    }
}
