package com.stack.aicfo.weekly.app.ports;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The weekly run's claims: one per user and closed week, claimed with a lease by the instance that writes the
 * summary, done once it is stored; two instances never hold the same claim (the port; the adapter is
 * {@code adapters.WeeklyRunRepository}, over {@code weekly_runs}).
 */
public interface WeeklyRuns {

    /** Claims up to {@code limit} runs of the active users' last closed week, in each user's zone, at {@code now}. */
    Flux<Claim> claimLastClosedWeeks(Instant now, Duration lease, int limit);

    /**
     * Claims up to {@code limit} runs of the active users for the week of {@code weekStart} (a Monday), for those in
     * whose zone it has closed at {@code now}.
     */
    Flux<Claim> claimWeek(LocalDate weekStart, Instant now, Duration lease, int limit);

    /**
     * Takes over up to {@code limit} claims whose lease ran out (their runner died or gave up), oldest first, of
     * those attempted fewer than {@code maxAttempts} times.
     */
    Flux<Claim> claimLapsed(Instant now, Duration lease, int limit, int maxAttempts);

    /**
     * Parks the claims whose lease ran out after {@code maxAttempts} attempts: they are not taken over again. The
     * runs parked, each once (whichever replica parks it; their {@code timeZone} is null).
     */
    Flux<Claim> parkExhausted(Instant now, int maxAttempts);

    /** Marks the run done (its summary is stored). */
    Mono<Void> done(UUID userId, LocalDate weekStart);

    /** A claim: write the summary of this user's week. */
    record Claim(UUID userId, LocalDate weekStart, String timeZone, int attempts) {}
}
