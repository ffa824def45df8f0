package com.stack.aicfo.weekly.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.stack.aicfo.AicfoServiceTest;
import com.stack.aicfo.analyst.app.SummaryWriter;
import com.stack.aicfo.facts.app.FactsCollector;
import com.stack.aicfo.facts.app.FactsFromEvents;
import com.stack.aicfo.facts.app.ports.PortfolioSnapshots;
import com.stack.aicfo.facts.domain.SummaryFacts;
import com.stack.aicfo.facts.domain.SummaryFacts.Flows;
import com.stack.aicfo.facts.domain.Weeks;
import com.stack.aicfo.summary.adapters.FactsJson;
import com.stack.aicfo.summary.app.SummaryStore;
import com.stack.aicfo.weekly.adapters.WeeklyRunRepository;
import com.stack.aicfo.weekly.app.ports.WeeklyRuns;
import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.EventPayload;
import com.stack.contracts.events.v1.BuyingPowerChanged;
import com.stack.contracts.events.v1.DepositStatusChanged;
import com.stack.contracts.events.v1.OrderStatusChanged;
import com.stack.contracts.events.v1.ProfileUpdated;
import com.stack.contracts.events.v1.UserRegistered;
import com.stack.contracts.events.v1.WithdrawalStatusChanged;
import com.stack.defaults.messaging.Outbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The weekly run against the real database: a user's week summarized exactly once with every figure true, when two
 * runners race, when a runner died after claiming, and never before the week has closed in the user's zone.
 */
class WeeklySummariesTest extends AicfoServiceTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Autowired
    FactsFromEvents events;

    @Autowired
    WeeklySummaries weekly;

    @Autowired
    WeeklyRunRepository runs;

    @Autowired
    FactsCollector collector;

    @Autowired
    SummaryWriter writer;

    @Autowired
    SummaryStore store;

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionalOperator transactions;

    @Autowired
    WeeklySummaries.Settings settings;

    @Autowired
    DatabaseClient db;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    static Instant at(LocalDate day, int hour) {
        return day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }

    <T extends EventPayload> void apply(T payload, java.util.function.Function<EventEnvelope<T>, Mono<Void>> handler) {
        transactions
                .transactional(handler.apply(EventEnvelope.of("/test", payload)))
                .block(TIMEOUT);
    }

    void deposit(UUID user, UUID id, String status, String amount, Instant at) {
        apply(new DepositStatusChanged(user, id, status, amount, "USDC", 5, at), events::depositChanged);
    }

    void withdrawal(UUID user, String status, String amount, Instant at) {
        apply(
                new WithdrawalStatusChanged(user, UUID.randomUUID(), status, amount, "USD", null, 5, at),
                events::withdrawalChanged);
    }

    void order(UUID user, String status, String side, String filled, Instant at) {
        apply(
                new OrderStatusChanged(
                        user, UUID.randomUUID(), status, "STOCK", "AAPL", side, "100.00", filled, "1", null, 4, at),
                events::orderChanged);
    }

    void buyingPower(UUID user, long version, String amount, Instant at) {
        apply(new BuyingPowerChanged(user, amount, "0", "0", version, at), events::buyingPowerChanged);
    }

    /** Passes of this runner for the week until it claims nothing more; what it stored. */
    Mono<Integer> drain(WeeklySummaries runner, LocalDate week) {
        return runner.runFor(week)
                .expand(pass -> pass.claimed() == 0 ? Mono.empty() : runner.runFor(week))
                .map(WeeklySummaries.Pass::stored)
                .reduce(0, Integer::sum);
    }

    long count(String sql, UUID user) {
        return db.sql(sql)
                .bind("user", user)
                .map(row -> row.get(0, Long.class))
                .one()
                .block(TIMEOUT);
    }

    long weeklySummaries(UUID user, LocalDate week) {
        return db.sql("SELECT count(*) FROM ai_summaries WHERE user_id = :user AND week_start_date = :week"
                        + " AND kind = 'weekly'")
                .bind("user", user)
                .bind("week", week)
                .map(row -> row.get(0, Long.class))
                .one()
                .block(TIMEOUT);
    }

    long readyNotifications(UUID user) {
        return count(
                "SELECT count(*) FROM outbox_events WHERE partition_key = CAST(:user AS text)"
                        + " AND event_type = 'com.stack.notifications.NotificationRequested' AND payload LIKE '%AI_SUMMARY_READY%'",
                user);
    }

    @Test
    void aUsersWeekIsSummarizedOnceWithEveryFigureTrueWhenTwoRunnersRace() {
        LocalDate week = LocalDate.of(2026, 10, 5);
        UUID user = UUID.randomUUID();
        apply(new UserRegistered(user, "ada@example.com", "+15550100", at(week, 1)), events::userRegistered);
        UUID twice = UUID.randomUUID();
        deposit(user, twice, "BROKER_FUNDED", "100.129999", at(week.plusDays(1), 9));
        deposit(user, twice, "BROKER_FUNDED", "100.129999", at(week.plusDays(1), 9)); // announced again: counts once
        deposit(user, UUID.randomUUID(), "BROKER_FUNDED", "50.000000", at(week.plusDays(2), 9));
        deposit(user, UUID.randomUUID(), "PENDING_CONFIRMATION", "70.000000", at(week.plusDays(2), 10));
        deposit(user, UUID.randomUUID(), "BROKER_FUNDED", "10.000000", at(week.minusDays(1), 9)); // the week before
        withdrawal(user, "COMPLETE", "25.50", at(week.plusDays(3), 9));
        withdrawal(user, "PENDING", "99.00", at(week.plusDays(3), 10));
        order(user, "FILLED", "BUY", "60.00", at(week.plusDays(3), 15));
        order(user, "FILLED", "SELL", "20.25", at(week.plusDays(4), 15));
        order(user, "CANCELED", "BUY", "5.00", at(week.plusDays(4), 16)); // bought, but no order filled
        order(user, "CANCELED", "BUY", "0.00", at(week.plusDays(4), 17));
        order(user, "PARTIALLY_FILLED", "BUY", "7.00", at(week.plusDays(4), 18));
        order(user, "FILLED", "BUY", "33.00", at(week.plusDays(7), 15)); // the week after
        buyingPower(user, 1, "110.120000", at(week.plusDays(1), 9));
        buyingPower(user, 3, "999.000000", at(week.plusDays(8), 9)); // after the week
        buyingPower(user, 2, "39.370000", at(week.plusDays(5), 9)); // arrives late: still the week's last
        PORTFOLIOS.set(
                user,
                new PortfolioSnapshots.Snapshot(
                        new BigDecimal("539.37"),
                        new BigDecimal("39.37"),
                        new BigDecimal("-1.20"),
                        List.of(
                                new PortfolioSnapshots.Position(
                                        "VTI",
                                        "ETF",
                                        new BigDecimal("0.5"),
                                        new BigDecimal("100.00"),
                                        new BigDecimal("100.00"),
                                        new BigDecimal("98.00"),
                                        new BigDecimal("2.00")),
                                new PortfolioSnapshots.Position(
                                        "AAPL",
                                        "STOCK",
                                        new BigDecimal("2"),
                                        new BigDecimal("200.00"),
                                        new BigDecimal("400.00"),
                                        new BigDecimal("390.00"),
                                        new BigDecimal("10.00"))),
                        Instant.now()));

        WeeklySummaries otherReplica = new WeeklySummaries(
                runs, collector, writer, store, outbox, transactions, settings, java.time.Clock.systemUTC(), meters);
        Integer stored = Flux.merge(drain(weekly, week), drain(otherReplica, week))
                .reduce(0, Integer::sum)
                .block(TIMEOUT);

        assertThat(weeklySummaries(user, week)).isEqualTo(1);
        assertThat(readyNotifications(user)).isEqualTo(1);
        assertThat(stored).isPositive();
        assertThat(count("SELECT count(*) FROM weekly_runs WHERE user_id = :user AND state = 'done'", user))
                .isEqualTo(1);

        SummaryFacts facts = FactsJson.read(db.sql("SELECT facts_json::text FROM ai_summaries WHERE user_id = :user")
                .bind("user", user)
                .map(row -> row.get(0, String.class))
                .one()
                .block(TIMEOUT));
        assertThat(facts.version()).isEqualTo(SummaryFacts.CURRENT_VERSION);
        assertThat(facts.kind()).isEqualTo(SummaryFacts.Kind.WEEKLY);
        assertThat(facts.periodStart()).isEqualTo(week);
        assertThat(facts.periodEnd()).isEqualTo(week.plusDays(6));
        assertThat(facts.deposits()).isEqualTo(new Flows(2, new BigDecimal("150.12")));
        assertThat(facts.withdrawals()).isEqualTo(new Flows(1, new BigDecimal("25.50")));
        assertThat(facts.ordersFilled()).isEqualTo(2);
        assertThat(facts.boughtUsd()).isEqualTo(new BigDecimal("65.00"));
        assertThat(facts.soldUsd()).isEqualTo(new BigDecimal("20.25"));
        assertThat(facts.buyingPowerUsd()).isEqualTo(new BigDecimal("39.37"));
        assertThat(facts.portfolio().investedUsd()).isEqualTo(new BigDecimal("500.00"));
        // the portfolio is as investing valued it when the summary was written, after the week: dated
        assertThat(facts.portfolio().valuedAt()).isAfter(at(week.plusDays(7), 0));
        LocalDate valuedOn = facts.portfolio().valuedAt().atZone(ZoneOffset.UTC).toLocalDate();
        assertThat(facts.portfolio().valuedOn()).isEqualTo(valuedOn);
        assertThat(facts.portfolio().holdings())
                .extracting(SummaryFacts.Holding::symbol)
                .containsExactly("AAPL", "VTI");
        assertThat(facts.portfolio().holdings())
                .extracting(SummaryFacts.Holding::weightPercent)
                .containsExactly(new BigDecimal("80.0"), new BigDecimal("20.0"));

        String markdown = db.sql("SELECT summary_markdown FROM ai_summaries WHERE user_id = :user")
                .bind("user", user)
                .map(row -> row.get(0, String.class))
                .one()
                .block(TIMEOUT);
        assertThat(markdown)
                .contains("2026-10-05")
                .contains("2026-10-11")
                .contains("Deposits: 2, totalling $150.12")
                .contains("Withdrawals: 1, totalling $25.50")
                .contains("Orders filled: 2")
                .contains("Bought: $65.00")
                .contains("Sold: $20.25")
                .contains("Buying power: $39.37")
                .contains("### Portfolio as of " + valuedOn)
                .contains("Invested: $500.00")
                .contains("AAPL: $400.00 (80% of invested)")
                .doesNotContain("ada@example.com")
                .doesNotContain("+15550100");
    }

    @Test
    void aClaimWhoseRunnerDiedIsTakenOverAfterItsLeaseAndALiveOneIsNot() {
        LocalDate week = LocalDate.of(2026, 10, 12);
        UUID orphaned = UUID.randomUUID();
        UUID heldElsewhere = UUID.randomUUID();
        deposit(orphaned, UUID.randomUUID(), "BROKER_FUNDED", "20.000000", at(week.plusDays(1), 9));
        deposit(heldElsewhere, UUID.randomUUID(), "BROKER_FUNDED", "30.000000", at(week.plusDays(1), 9));
        // a runner claimed both and died: one lease has run out, the other one's runner may still be writing
        claim(orphaned, week, Instant.now().minusSeconds(1));
        claim(heldElsewhere, week, Instant.now().plus(Duration.ofMinutes(10)));

        drain(weekly, week).block(TIMEOUT);

        assertThat(weeklySummaries(orphaned, week)).isEqualTo(1);
        assertThat(readyNotifications(orphaned)).isEqualTo(1);
        assertThat(db.sql("SELECT state, attempts FROM weekly_runs WHERE user_id = :user")
                        .bind("user", orphaned)
                        .map(row -> row.get("state", String.class) + "/" + row.get("attempts", Integer.class))
                        .one()
                        .block(TIMEOUT))
                .isEqualTo("done/2");
        assertThat(weeklySummaries(heldElsewhere, week)).isZero();
        assertThat(count("SELECT count(*) FROM weekly_runs WHERE user_id = :user AND state = 'claimed'", heldElsewhere))
                .isEqualTo(1);

        // a run repeated after its summary was stored (its runner died before marking it done) stores nothing again
        db.sql("UPDATE weekly_runs SET state = 'claimed', claimed_until = now() - interval '1 second'"
                        + " WHERE user_id = :user")
                .bind("user", orphaned)
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);
        drain(weekly, week).block(TIMEOUT);
        assertThat(weeklySummaries(orphaned, week)).isEqualTo(1);
        assertThat(readyNotifications(orphaned)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM weekly_runs WHERE user_id = :user AND state = 'done'", orphaned))
                .isEqualTo(1);
    }

    @Test
    void aPassClaimsAtMostItsBatchSoUsersReachTheModelABatchAtATime() {
        // a week long ago, so that only these users were active before it ended
        LocalDate week = LocalDate.of(2019, 1, 7);
        List<UUID> users = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> UUID.randomUUID())
                .toList();
        users.forEach(user -> deposit(user, UUID.randomUUID(), "BROKER_FUNDED", "10.000000", at(week.plusDays(1), 9)));
        WeeklySummaries batchesOfTwo = new WeeklySummaries(
                runs,
                collector,
                writer,
                store,
                outbox,
                transactions,
                new WeeklySummaries.Settings(true, Duration.ofSeconds(30), 2, Duration.ofMinutes(10), 1, 5),
                java.time.Clock.systemUTC(),
                meters);

        List<Integer> claimed = new java.util.ArrayList<>();
        for (int pass = 0; pass < 4; pass++) {
            claimed.add(batchesOfTwo.runFor(week).block(TIMEOUT).claimed());
            assertThat(db.sql("SELECT count(*) FROM weekly_runs WHERE week_start = :week")
                            .bind("week", week)
                            .map(row -> row.get(0, Long.class))
                            .one()
                            .block(TIMEOUT))
                    .isEqualTo(Math.min(5, 2L * (pass + 1)));
        }

        assertThat(claimed).containsExactly(2, 2, 1, 0);
        assertThat(users)
                .allSatisfy(user -> assertThat(weeklySummaries(user, week)).isEqualTo(1));
    }

    @Test
    void aRunThatKeepsFailingIsParkedAfterItsMaxAttemptsAndCounted() {
        LocalDate week = LocalDate.of(2026, 10, 19);
        UUID exhausted = UUID.randomUUID();
        UUID oneMoreTry = UUID.randomUUID();
        deposit(exhausted, UUID.randomUUID(), "BROKER_FUNDED", "20.000000", at(week.plusDays(1), 9));
        deposit(oneMoreTry, UUID.randomUUID(), "BROKER_FUNDED", "30.000000", at(week.plusDays(1), 9));
        // both runs' leases ran out: one after its 5th attempt, the other after its 4th
        claim(exhausted, week, Instant.now().minusSeconds(1));
        claim(oneMoreTry, week, Instant.now().minusSeconds(1));
        db.sql("UPDATE weekly_runs SET attempts = CASE WHEN user_id = :exhausted THEN 5 ELSE 4 END"
                        + " WHERE user_id IN (:exhausted, :other)")
                .bind("exhausted", exhausted)
                .bind("other", oneMoreTry)
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);
        double parkedBefore = meters.counter(WeeklySummaries.PARKED_METRIC).count();

        drain(weekly, week).block(TIMEOUT);

        assertThat(db.sql("SELECT state || '/' || attempts FROM weekly_runs WHERE user_id = :user")
                        .bind("user", exhausted)
                        .map(row -> row.get(0, String.class))
                        .one()
                        .block(TIMEOUT))
                .isEqualTo("parked/5");
        assertThat(weeklySummaries(exhausted, week)).isZero();
        assertThat(meters.counter(WeeklySummaries.PARKED_METRIC).count()).isEqualTo(parkedBefore + 1);
        assertThat(db.sql("SELECT state || '/' || attempts FROM weekly_runs WHERE user_id = :user")
                        .bind("user", oneMoreTry)
                        .map(row -> row.get(0, String.class))
                        .one()
                        .block(TIMEOUT))
                .isEqualTo("done/5");
        assertThat(weeklySummaries(oneMoreTry, week)).isEqualTo(1);
        // parked stays parked
        drain(weekly, week).block(TIMEOUT);
        assertThat(meters.counter(WeeklySummaries.PARKED_METRIC).count()).isEqualTo(parkedBefore + 1);
        assertThat(weeklySummaries(exhausted, week)).isZero();
    }

    @Test
    void aWeekIsRunOnlyOnceItHasClosedInTheUsersZone() {
        UUID user = UUID.randomUUID();
        ZoneId zone = ZoneId.of("Pacific/Kiritimati");
        apply(
                new UserRegistered(user, "kiri@example.com", null, Instant.now().minus(Duration.ofDays(30))),
                events::userRegistered);
        db.sql("UPDATE users SET time_zone = :zone WHERE user_id = :user")
                .bind("zone", zone.getId())
                .bind("user", user)
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);
        deposit(
                user,
                UUID.randomUUID(),
                "BROKER_FUNDED",
                "40.000000",
                Instant.now().minus(Duration.ofDays(9)));

        LocalDate thisWeek = Weeks.mondayOf(LocalDate.now(zone));
        drain(weekly, thisWeek).block(TIMEOUT);
        assertThat(count("SELECT count(*) FROM weekly_runs WHERE user_id = :user", user))
                .isZero();

        // the loop's own pass: the last week closed in the user's zone
        for (int pass = 0;
                pass < 50 && count("SELECT count(*) FROM weekly_runs WHERE user_id = :user", user) == 0;
                pass++) {
            weekly.pass(false).block(TIMEOUT);
        }
        LocalDate lastClosed = Weeks.lastClosedWeek(Instant.now(), zone);
        assertThat(db.sql("SELECT week_start FROM weekly_runs WHERE user_id = :user")
                        .bind("user", user)
                        .map(row -> row.get(0, LocalDate.class))
                        .one()
                        .block(TIMEOUT))
                .isEqualTo(lastClosed);
        assertThat(weeklySummaries(user, lastClosed)).isEqualTo(1);
    }

    @Test
    void eachUsersWeekClosesAtMidnightOfTheirOwnMonday() {
        // the week of Monday 7 June 2021: it ends at 00:00 on the 14th in Auckland (NZST, UTC+12), which is 12:00 UTC
        // on the 13th, and in Los Angeles (PDT, UTC-7) at 07:00 UTC on the 14th
        LocalDate week = LocalDate.of(2021, 6, 7);
        UUID auckland = userIn("Pacific/Auckland", week);
        UUID losAngeles = userIn("America/Los_Angeles", week);
        List<UUID> both = List.of(auckland, losAngeles);
        try {
            assertThat(claimedAt(Instant.parse("2021-06-13T11:59:59Z"), both)).isEmpty();
            assertThat(claimedAt(Instant.parse("2021-06-13T12:00:00Z"), both))
                    .containsExactly(new WeeklyRuns.Claim(auckland, week, "Pacific/Auckland", 1));
            assertThat(claimedAt(Instant.parse("2021-06-14T06:59:59Z"), both)).isEmpty();
            assertThat(claimedAt(Instant.parse("2021-06-14T07:00:00Z"), both))
                    .containsExactly(new WeeklyRuns.Claim(losAngeles, week, "America/Los_Angeles", 1));
        } finally {
            // the claims' leases ran out in 2021: done, so that no other test's runner takes them over
            Flux.fromIterable(both)
                    .flatMap(user -> runs.done(user, week))
                    .then()
                    .block(TIMEOUT);
        }
    }

    /** A user in {@code zone} (from onboarding's profile) whose first money moved in the middle of {@code week}. */
    UUID userIn(String zone, LocalDate week) {
        UUID user = UUID.randomUUID();
        Instant midweek = at(week.plusDays(2), 12);
        apply(
                new UserRegistered(user, user + "@example.com", null, midweek.minus(Duration.ofDays(1))),
                events::userRegistered);
        apply(new ProfileUpdated(user, null, null, zone, midweek), events::profileUpdated);
        deposit(user, UUID.randomUUID(), "BROKER_FUNDED", "25.000000", midweek);
        return user;
    }

    /** The claims of those users that the loop's pass would make at {@code now}: each one's last closed week. */
    List<WeeklyRuns.Claim> claimedAt(Instant now, List<UUID> users) {
        return runs.claimLastClosedWeeks(now, settings.lease(), 1000)
                .filter(claim -> users.contains(claim.userId()))
                .collectList()
                .block(TIMEOUT);
    }

    void claim(UUID user, LocalDate week, Instant until) {
        db.sql("INSERT INTO weekly_runs (user_id, week_start, state, claimed_until, attempts)"
                        + " VALUES (:user, :week, 'claimed', :until, 1)")
                .bind("user", user)
                .bind("week", week)
                .bind("until", OffsetDateTime.ofInstant(until, ZoneOffset.UTC))
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);
    }
}
