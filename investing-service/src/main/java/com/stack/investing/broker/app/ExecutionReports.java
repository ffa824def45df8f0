package com.stack.investing.broker.app;

import reactor.core.publisher.Mono;

/**
 * Where the broker adapters' event intake hands each report (the order saga implements it). Idempotent: a report
 * already applied, or older than what was applied, changes nothing. Completes when the report's effects are
 * committed, so an intake acknowledges its message (deletes it from the queue, saves the stream position) only
 * then; an error means "not applied, deliver again".
 */
public interface ExecutionReports {

    Mono<Void> apply(ExecutionReport report);
}
