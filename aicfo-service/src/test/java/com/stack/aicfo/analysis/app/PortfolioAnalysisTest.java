package com.stack.aicfo.analysis.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.stack.aicfo.AicfoServiceTest;
import com.stack.aicfo.facts.app.FactsFromEvents;
import com.stack.aicfo.facts.app.ports.PortfolioSnapshots;
import com.stack.aicfo.facts.domain.SummaryFacts;
import com.stack.aicfo.facts.domain.Weeks;
import com.stack.aicfo.summary.adapters.FactsJson;
import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.v1.DepositStatusChanged;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** requestPortfolioAnalysis through GraphQL: the analysis stored and returned, joined while it runs, rate limited. */
class PortfolioAnalysisTest extends AicfoServiceTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String REQUEST =
            "mutation { requestPortfolioAnalysis { id kind weekStartDate summaryMarkdown generatedAt } }";

    @Autowired
    FactsFromEvents events;

    @Autowired
    TransactionalOperator transactions;

    @Autowired
    DatabaseClient db;

    String request(String subject) {
        return as(subject)
                .document(REQUEST)
                .execute()
                .errors()
                .verify()
                .path("requestPortfolioAnalysis.id")
                .entity(String.class)
                .get();
    }

    long count(String sql, UUID user) {
        return db.sql(sql)
                .bind("user", user)
                .map(row -> row.get(0, Long.class))
                .one()
                .block(TIMEOUT);
    }

    @Test
    void theAnalysisStatesTheWeekSoFarAndThePortfolioAndIsStored() {
        String subject = newSubject();
        UUID user = userIdOf(subject);
        transactions
                .transactional(events.depositChanged(EventEnvelope.of(
                        "/test",
                        new DepositStatusChanged(
                                user, UUID.randomUUID(), "BROKER_FUNDED", "75.500000", "USDC", 6, Instant.now()))))
                .block(TIMEOUT);
        PORTFOLIOS.set(
                user,
                new PortfolioSnapshots.Snapshot(
                        new BigDecimal("150.00"),
                        new BigDecimal("75.50"),
                        new BigDecimal("0.40"),
                        List.of(new PortfolioSnapshots.Position(
                                "MSFT",
                                "STOCK",
                                new BigDecimal("0.2"),
                                new BigDecimal("370.00"),
                                new BigDecimal("74.50"),
                                new BigDecimal("74.00"),
                                new BigDecimal("0.50"))),
                        Instant.now()));
        LocalDate monday = Weeks.mondayOf(LocalDate.now(ZoneOffset.UTC));

        var answer = as(subject).document(REQUEST).execute().errors().verify();
        answer.path("requestPortfolioAnalysis.kind")
                .entity(String.class)
                .isEqualTo("ON_DEMAND")
                .path("requestPortfolioAnalysis.weekStartDate")
                .entity(String.class)
                .isEqualTo(monday.toString())
                .path("requestPortfolioAnalysis.summaryMarkdown")
                .entity(String.class)
                .satisfies(markdown -> assertThat(markdown)
                        .contains("Deposits this week: 1, totalling $75.50")
                        .contains("Portfolio value: $150.00")
                        .contains("MSFT: $74.50 (100% of invested)"));
        UUID id = answer.path("requestPortfolioAnalysis.id").entity(UUID.class).get();

        SummaryFacts facts = FactsJson.read(db.sql("SELECT facts_json::text FROM ai_summaries WHERE id = :id")
                .bind("id", id)
                .map(row -> row.get(0, String.class))
                .one()
                .block(TIMEOUT));
        assertThat(facts.kind()).isEqualTo(SummaryFacts.Kind.ON_DEMAND);
        assertThat(facts.periodStart()).isEqualTo(monday);
        assertThat(facts.deposits().totalUsd()).isEqualTo(new BigDecimal("75.50"));
        assertThat(facts.portfolio().holdings().get(0).weightPercent()).isEqualTo(new BigDecimal("100.0"));
        assertThat(db.sql("SELECT analyst || '/' || attempts || '/' || fell_back FROM ai_summaries WHERE id = :id")
                        .bind("id", id)
                        .map(row -> row.get(0, String.class))
                        .one()
                        .block(TIMEOUT))
                .isEqualTo("local/1/false");
    }

    @Test
    void withoutInvestingTheAnalysisLeavesThePortfolioOut() {
        String subject = newSubject();
        UUID user = userIdOf(subject);
        PORTFOLIOS.unreachable(user);

        as(subject)
                .document(REQUEST)
                .execute()
                .errors()
                .verify()
                .path("requestPortfolioAnalysis.summaryMarkdown")
                .entity(String.class)
                .satisfies(markdown -> assertThat(markdown).doesNotContain("Portfolio value"));
        assertThat(count(
                        "SELECT count(*) FROM ai_summaries WHERE user_id = :user AND kind = 'on_demand'"
                                + " AND facts_json -> 'portfolio' = 'null'::jsonb",
                        user))
                .isEqualTo(1);
    }

    @Test
    void concurrentRequestsOfOneUserShareOneGeneration() {
        String subject = newSubject();
        UUID user = userIdOf(subject);
        PORTFOLIOS.hold(user);

        CompletableFuture<List<String>> answers = Flux.range(0, 4)
                .flatMap(i -> Mono.fromCallable(() -> request(subject)).subscribeOn(Schedulers.boundedElastic()), 4)
                .collectList()
                .toFuture();
        // the first request's generation waits on investing; the others arrive meanwhile and join it
        await().atMost(TIMEOUT).until(() -> PORTFOLIOS.calls(user) == 1);
        await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        PORTFOLIOS.release(user);

        List<String> ids = answers.join();
        assertThat(ids).hasSize(4).containsOnly(ids.get(0));
        assertThat(PORTFOLIOS.calls(user)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM ai_summaries WHERE user_id = :user", user))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM analysis_requests WHERE user_id = :user", user))
                .isEqualTo(1);
    }

    void runOf(UUID user, String state, Duration leaseLeft) {
        db.sql("INSERT INTO analysis_runs (id, user_id, state, claimed_until) VALUES (:id, :user, :state,"
                        + " now() + make_interval(secs => :left))")
                .bind("id", UUID.randomUUID())
                .bind("user", user)
                .bind("state", state)
                .bind("left", leaseLeft.toMillis() / 1000.0)
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);
    }

    String runStates(UUID user) {
        return String.join(
                ",",
                db.sql("SELECT state FROM analysis_runs WHERE user_id = :user ORDER BY started_at, state")
                        .bind("user", user)
                        .map(row -> row.get(0, String.class))
                        .all()
                        .collectList()
                        .block(TIMEOUT));
    }

    @Test
    void aRequestJoinsARunOfAnotherInstanceAndTakesItOverWhenItsLeaseRunsOut() {
        String subject = newSubject();
        UUID user = userIdOf(subject);
        // another instance claimed the user's run and died: its lease runs out in 2s
        runOf(user, "running", Duration.ofSeconds(2));

        long started = System.nanoTime();
        String id = request(subject);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(1500));
        assertThat(runStates(user)).isEqualTo("abandoned,done");
        assertThat(count("SELECT count(*) FROM ai_summaries WHERE user_id = :user", user))
                .isEqualTo(1);
        assertThat(db.sql("SELECT summary_id::text FROM analysis_runs WHERE user_id = :user AND state = 'done'")
                        .bind("user", user)
                        .map(row -> row.get(0, String.class))
                        .one()
                        .block(TIMEOUT))
                .isEqualTo(id);
        // the dead run's request was counted where it was made; taking it over is not counted again
        assertThat(count("SELECT count(*) FROM analysis_requests WHERE user_id = :user", user))
                .isZero();
    }

    @Test
    void aLapsedRunIsTakenOverAtOnce() {
        String subject = newSubject();
        UUID user = userIdOf(subject);
        runOf(user, "running", Duration.ofSeconds(-1));

        request(subject);

        assertThat(runStates(user)).isEqualTo("abandoned,done");
        assertThat(count("SELECT count(*) FROM ai_summaries WHERE user_id = :user", user))
                .isEqualTo(1);
    }

    @Test
    void overTheLimitIsRateLimitedWithRetryAfter() {
        String subject = newSubject();
        UUID user = userIdOf(subject);
        request(subject);
        request(subject);
        request(subject);

        as(subject)
                .document(REQUEST)
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                    assertThat(error.getExtensions()).containsEntry("code", "RATE_LIMITED");
                    assertThat(((Number) error.getExtensions().get("retryAfter")).longValue())
                            .isBetween(3000L, 3600L);
                }));
        assertThat(count("SELECT count(*) FROM ai_summaries WHERE user_id = :user", user))
                .isEqualTo(3);
    }

    @Test
    void anAnalysisNeedsACallerNotTheGateway() {
        asGateway()
                .document(REQUEST)
                .execute()
                .errors()
                .expect(errorWithCode("UNAUTHENTICATED"))
                .verify();
    }
}
