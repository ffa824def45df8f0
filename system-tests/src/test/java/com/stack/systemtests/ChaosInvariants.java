package com.stack.systemtests;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.stack.testsupport.TestIssuer;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * What must hold after the chaos run, once the faults are gone and the suite is quiet, read from every service's
 * database and from what the partner sandbox recorded: every flow final, none paid twice anywhere, every deposit
 * credited once, the ledger balanced, the brokers' cash equal to the ledger's, the outboxes drained, no dead letters,
 * every event applied once, and the success rate per flow. Blocking: this is test code.
 */
final class ChaosInvariants {

    static final double TARGET_PERCENT = 99.5;
    static final Map<String, Integer> SERVICE_PORTS = Map.of(
            "onboarding-service",
            8081,
            "wallet-service",
            8082,
            "funding-service",
            8083,
            "investing-service",
            8084,
            "aicfo-service",
            8085);
    static final String SERVICE_TOKEN_SECRET = System.getenv()
            .getOrDefault("STACK_SERVICE_TOKEN_SECRET", "local-only-stack-service-token-secret-do-not-deploy");

    /** A client of each of the suite's databases, and of {@code postgres} for what concerns them all. */
    record Databases(Map<String, DatabaseClient> byName) {

        static final List<String> NAMES =
                List.of("stack_onboarding", "stack_wallet", "stack_funding", "stack_investing", "stack_aicfo");

        static Databases open() {
            Map<String, DatabaseClient> clients = new HashMap<>();
            for (String name : java.util.stream.Stream.concat(NAMES.stream(), java.util.stream.Stream.of("postgres"))
                    .toList()) {
                clients.put(
                        name,
                        DatabaseClient.create(
                                new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                                        .host("127.0.0.1")
                                        .port(5432)
                                        .username(System.getProperty("stack.benchmark.db-user", "postgres"))
                                        .database(name)
                                        .build())));
            }
            return new Databases(Map.copyOf(clients));
        }

        DatabaseClient postgres() {
            return byName.get("postgres");
        }

        DatabaseClient funding() {
            return byName.get("stack_funding");
        }

        DatabaseClient investing() {
            return byName.get("stack_investing");
        }

        List<Map<String, Object>> rows(DatabaseClient database, String sql, Object... namesAndValues) {
            DatabaseClient.GenericExecuteSpec spec = database.sql(sql);
            for (int i = 0; i < namesAndValues.length; i += 2) {
                spec = spec.bind((String) namesAndValues[i], namesAndValues[i + 1]);
            }
            return spec.fetch().all().collectList().block(Duration.ofMinutes(1));
        }

        long count(DatabaseClient database, String sql, Object... namesAndValues) {
            return rows(database, "SELECT count(*) AS n FROM (" + sql + ") counted", namesAndValues).stream()
                    .map(row -> ((Number) row.get("n")).longValue())
                    .findFirst()
                    .orElse(0L);
        }
    }

    /** A flow's end: its status where it is recorded (or why it is not), when it became final, why it failed. */
    record Outcome(ChaosBenchmark.Asked asked, String status, Instant finalAt, String reason) {

        static final Set<String> SUCCEEDED = Set.of("broker_funded", "complete", "filled");
        static final Set<String> FAILED = Set.of("failed", "canceled");

        boolean succeeded() {
            return SUCCEEDED.contains(status);
        }

        /** Final: succeeded, failed where it is recorded, or refused to the client (nothing was recorded to go on). */
        boolean isFinal() {
            return succeeded() || FAILED.contains(status) || status.startsWith("refused");
        }
    }

    private final Databases databases;
    private final WebClient sandbox;
    private final PartnerRecords partners;
    private final List<ChaosBenchmark.Asked> asked;
    private final String[] addresses;

    ChaosInvariants(Databases databases, WebClient sandbox, List<ChaosBenchmark.Asked> asked, List<String> addresses) {
        this.databases = databases;
        this.sandbox = sandbox;
        this.partners = new PartnerRecords(sandbox);
        this.asked = asked;
        this.addresses = addresses.stream().map(a -> a.toLowerCase(Locale.ROOT)).toArray(String[]::new);
    }

    String[] keys(String family) {
        return asked.stream()
                .filter(a -> a.flow().family().equals(family))
                .map(a -> a.flow().key())
                .toArray(String[]::new);
    }

    // --- the flows' ends ------------------------------------------------------------------------------------

    List<Outcome> outcomes() {
        Map<String, Map<String, Object>> deposits = byKey(databases.rows(
                databases.funding(),
                "SELECT tx_hash AS key, status, failure_reason AS reason, updated_at FROM deposits WHERE tx_hash = ANY(:k)",
                "k",
                keys("deposit")));
        Map<String, Map<String, Object>> withdrawals = byKey(databases.rows(
                databases.funding(),
                "SELECT idempotency_key AS key, status, failure_reason AS reason, updated_at FROM withdrawals"
                        + " WHERE idempotency_key = ANY(:k)",
                "k",
                keys("withdrawal")));
        Map<String, Map<String, Object>> orders = byKey(databases.rows(
                databases.investing(),
                "SELECT idempotency_key AS key, status, failure_reason AS reason, updated_at FROM orders"
                        + " WHERE parent_order_id IS NULL AND idempotency_key = ANY(:k)",
                "k",
                keys("order")));
        List<Outcome> outcomes = new ArrayList<>();
        for (ChaosBenchmark.Asked one : asked) {
            Map<String, Object> row = switch (one.flow().family()) {
                case "deposit" -> deposits.get(one.flow().key());
                case "withdrawal" -> withdrawals.get(one.flow().key());
                default -> orders.get(one.flow().key());
            };
            if (row == null) {
                outcomes.add(new Outcome(
                        one,
                        one.refusal() != null ? "refused: " + one.refusal() : "not recorded",
                        null,
                        one.refusal()));
            } else {
                String status = (String) row.get("status");
                Instant at = ((OffsetDateTime) row.get("updated_at")).toInstant();
                outcomes.add(new Outcome(one, status, at, (String) row.get("reason")));
            }
        }
        return outcomes;
    }

    static Map<String, Map<String, Object>> byKey(List<Map<String, Object>> rows) {
        Map<String, Map<String, Object>> found = new HashMap<>();
        rows.forEach(row -> found.put((String) row.get("key"), row));
        return found;
    }

    /** Waits until every flow is final, every outbox drained and every final order settled in funding, or the deadline. */
    void awaitQuiet(Duration deadline, ChaosReport report) {
        Instant start = Instant.now();
        Instant next = start;
        while (true) {
            List<Outcome> outcomes = outcomes();
            Map<String, Long> open = outcomes.stream()
                    .filter(o -> !o.isFinal())
                    .collect(Collectors.groupingBy(
                            o -> o.asked().flow().family() + " " + o.status(), TreeMap::new, Collectors.counting()));
            long outbox =
                    unpublished().values().stream().mapToLong(Long::longValue).sum();
            long unsettled = unsettledOrders().size();
            boolean quiet = open.isEmpty() && outbox == 0 && unsettled == 0;
            if (quiet || Instant.now().isAfter(start.plus(deadline))) {
                report.line(
                        "quiet after %d s%s: open flows %s, outbox events unpublished %d, final orders not settled in"
                                + " funding %d",
                        Duration.between(start, Instant.now()).toSeconds(),
                        quiet ? "" : " (DEADLINE)",
                        open,
                        outbox,
                        unsettled);
                return;
            }
            if (!Instant.now().isBefore(next)) {
                System.out.printf(
                        "  waiting for quiet, %d s: open %s, outbox %d, unsettled orders %d%n",
                        Duration.between(start, Instant.now()).toSeconds(), open, outbox, unsettled);
                next = Instant.now().plusSeconds(30);
            }
            ChaosBenchmark.pause(Duration.ofSeconds(2));
        }
    }

    Map<String, Long> unpublished() {
        Map<String, Long> counts = new TreeMap<>();
        for (String name : Databases.NAMES) {
            counts.put(
                    name,
                    databases.count(
                            databases.byName().get(name), "SELECT 1 FROM outbox_events WHERE state <> 'published'"));
        }
        return counts;
    }

    /** Investing's final, reserved orders of the run that funding has not settled (their hold never released). */
    List<String> unsettledOrders() {
        List<String> finalReserved = databases
                .rows(
                        databases.investing(),
                        "SELECT id::text AS id FROM orders"
                                + " WHERE parent_order_id IS NULL AND reservation = 'reserved' AND status IN ('filled', 'failed', 'canceled')"
                                + " AND idempotency_key = ANY(:k)",
                        "k",
                        keys("order"))
                .stream()
                .map(row -> (String) row.get("id"))
                .toList();
        Set<String> settled = databases
                .rows(
                        databases.funding(),
                        "SELECT order_id::text AS id FROM order_reservations"
                                + " WHERE terminal_status IS NOT NULL AND order_id::text = ANY(:ids)",
                        "ids",
                        finalReserved.toArray(String[]::new))
                .stream()
                .map(row -> (String) row.get("id"))
                .collect(Collectors.toSet());
        return finalReserved.stream().filter(id -> !settled.contains(id)).toList();
    }

    // --- the invariants -------------------------------------------------------------------------------------

    List<ChaosReport.Check> check() {
        List<ChaosReport.Check> checks = new ArrayList<>();
        List<Outcome> outcomes = outcomes();
        String[] users = databases
                .rows(
                        databases.funding(),
                        "SELECT DISTINCT user_id::text AS id FROM known_wallets" + " WHERE lower(address) = ANY(:a)",
                        "a",
                        addresses)
                .stream()
                .map(row -> (String) row.get("id"))
                .toArray(String[]::new);

        Map<String, Long> open = outcomes.stream()
                .filter(o -> !o.isFinal())
                .collect(Collectors.groupingBy(
                        o -> o.asked().flow().family() + " " + o.status(), TreeMap::new, Collectors.counting()));
        checks.add(check(
                "every flow final (none stuck, no deposit lost)",
                open.isEmpty(),
                open.isEmpty() ? outcomes.size() + " flows final" : "not final: " + open));

        Map<String, String> rates = new TreeMap<>();
        boolean met = true;
        for (String family : List.of("deposit", "withdrawal", "order")) {
            List<Outcome> of = outcomes.stream()
                    .filter(o -> o.asked().flow().family().equals(family))
                    .toList();
            double percent = of.isEmpty()
                    ? 100
                    : 100.0 * of.stream().filter(Outcome::succeeded).count() / of.size();
            met &= percent >= TARGET_PERCENT;
            rates.put(family, String.format("%.2f%% of %d", percent, of.size()));
        }
        checks.add(check("success rate per flow >= " + TARGET_PERCENT + "%", met, rates.toString()));

        List<String> noReason = outcomes.stream()
                .filter(o -> ("failed".equals(o.status()) || "canceled".equals(o.status()))
                        && (o.reason() == null || o.reason().isBlank()))
                .map(o -> o.asked().flow().family() + " " + o.asked().flow().key())
                .toList();
        Map<String, Long> reasons = outcomes.stream()
                .filter(o -> Outcome.FAILED.contains(o.status()) || o.status().startsWith("refused"))
                .collect(Collectors.groupingBy(
                        o -> o.asked().flow().family() + ": " + o.reason(), TreeMap::new, Collectors.counting()));
        checks.add(check(
                "every failed flow has a reason",
                noReason.isEmpty(),
                noReason.isEmpty() ? "failed: " + reasons : "without a reason: " + noReason));

        checks.add(holdsReleased(users));
        checks.add(paidOnce(outcomes));
        checks.add(depositsCreditedOnce());
        checks.add(withdrawalJournals());
        checks.add(orderJournals());
        checks.add(ledgerBalanced());
        checks.add(brokerCashEqualsLedger(users));
        Map<String, Long> unpublished = unpublished();
        checks.add(check(
                "every outbox drained",
                unpublished.values().stream().allMatch(n -> n == 0),
                "unpublished or failed: " + unpublished));
        checks.add(deadLetters());
        checks.add(eventsAppliedOnce(users));
        return checks;
    }

    static ChaosReport.Check check(String name, boolean passed, String detail) {
        return new ChaosReport.Check(name, passed, detail);
    }

    /** No user's pending-withdrawal or pending-order balance differs from what its open withdrawals and orders hold. */
    ChaosReport.Check holdsReleased(String[] users) {
        List<Map<String, Object>> held = databases.rows(databases.funding(), """
                WITH bal AS (SELECT a.user_id, a.kind, b.balance FROM ledger_accounts a
                             JOIN ledger_user_balances b ON b.account_id = a.id
                             WHERE a.currency = 'USD' AND a.kind IN ('user_pending_withdrawal', 'user_pending_order')
                               AND a.user_id::text = ANY(:u)),
                ow AS (SELECT user_id, sum(amount_usd) amt FROM withdrawals
                       WHERE status NOT IN ('complete', 'failed')
                          OR (status = 'failed' AND compensation = 'broker_refund' AND NOT compensation_done) GROUP BY 1),
                oo AS (SELECT user_id, sum(held_usd - LEAST(settled_filled_usd, held_usd)) amt FROM order_reservations
                       WHERE outcome = 'reserved' AND side = 'buy' AND terminal_status IS NULL GROUP BY 1)
                SELECT bal.user_id::text AS user_id, bal.kind, bal.balance, COALESCE(ow.amt, oo.amt, 0) AS expected FROM bal
                LEFT JOIN ow ON bal.kind = 'user_pending_withdrawal' AND ow.user_id = bal.user_id
                LEFT JOIN oo ON bal.kind = 'user_pending_order' AND oo.user_id = bal.user_id
                WHERE bal.balance <> COALESCE(ow.amt, oo.amt, 0)""", "u", users);
        return check(
                "holds released (pending balances equal what open flows hold)",
                held.isEmpty(),
                held.isEmpty()
                        ? users.length + " users' pending-withdrawal and pending-order balances as expected"
                        : "differ: " + held);
    }

    /** Money moved once per flow as the sandbox's partners recorded it: on chain, at the broker, at the on-ramp. */
    ChaosReport.Check paidOnce(List<Outcome> outcomes) {
        Map<String, String> withdrawals = new HashMap<>();
        databases
                .rows(
                        databases.funding(),
                        "SELECT id::text AS id, status, circle_on_ramp_ref FROM withdrawals"
                                + " WHERE idempotency_key = ANY(:k)",
                        "k",
                        keys("withdrawal"))
                .forEach(row -> withdrawals.put((String) row.get("id"), (String) row.get("status")));
        Set<String> deposits = databases
                .rows(
                        databases.funding(),
                        "SELECT id::text AS id FROM deposits WHERE tx_hash = ANY(:k)",
                        "k",
                        keys("deposit"))
                .stream()
                .map(row -> (String) row.get("id"))
                .collect(Collectors.toSet());
        Set<String> orders = databases
                .rows(
                        databases.investing(),
                        "SELECT o.id::text AS id FROM orders o"
                                + " LEFT JOIN orders p ON p.id = o.parent_order_id WHERE COALESCE(p.idempotency_key, o.idempotency_key) = ANY(:k)",
                        "k",
                        keys("order"))
                .stream()
                .map(row -> (String) row.get("id"))
                .collect(Collectors.toSet());

        Map<String, Integer> transfers = partners.completeTransfers();
        long chainTwice = withdrawals.keySet().stream()
                .filter(id -> transfers.getOrDefault(id, 0) > 1)
                .count();
        long completeUnpaid = withdrawals.entrySet().stream()
                .filter(e -> "complete".equals(e.getValue()) && !transfers.containsKey(e.getKey()))
                .count();
        long failedPaid = withdrawals.entrySet().stream()
                .filter(e -> "failed".equals(e.getValue()) && transfers.containsKey(e.getKey()))
                .count();
        Map<String, Map<String, Integer>> moves = partners.settledBrokerMoves();
        Predicate<Map.Entry<String, Integer>> twice = e -> e.getValue() > 1;
        long payoutsTwice = moves.getOrDefault("withdrawal", Map.of()).entrySet().stream()
                .filter(e -> withdrawals.containsKey(e.getKey()))
                .filter(twice)
                .count();
        Map<String, Integer> backOrFunded = new HashMap<>(moves.getOrDefault("deposit", Map.of()));
        moves.getOrDefault("refund of withdrawal", Map.of())
                .forEach((id, n) -> backOrFunded.merge(id, n, Integer::sum));
        long refundsTwice = backOrFunded.entrySet().stream()
                .filter(e -> withdrawals.containsKey(e.getKey()))
                .filter(twice)
                .count();
        long depositsFundedTwice = backOrFunded.entrySet().stream()
                .filter(e -> deposits.contains(e.getKey()))
                .filter(twice)
                .count();
        long depositsFunded =
                backOrFunded.keySet().stream().filter(deposits::contains).count();
        long brokerFunded = outcomes.stream()
                .filter(o -> "broker_funded".equals(o.status()))
                .count();
        Map<String, Integer> brokerOrders = partners.brokerOrders();
        long ordersTwice = orders.stream()
                .filter(id -> brokerOrders.getOrDefault(id, 0) > 1)
                .count();
        Set<String> referred = databases
                .rows(
                        databases.funding(),
                        "SELECT circle_on_ramp_ref AS ref FROM withdrawals" + " WHERE circle_on_ramp_ref IS NOT NULL")
                .stream()
                .map(row -> (String) row.get("ref"))
                .collect(Collectors.toSet());
        Set<String> custody = new HashSet<>(List.of(addresses));
        @SuppressWarnings("unchecked")
        long onRampUnreferred = partners.onRampTransfers().stream()
                .filter(t ->
                        custody.contains(String.valueOf(((Map<String, Object>) t.get("destination")).get("address"))
                                .toLowerCase(Locale.ROOT)))
                .filter(t -> !"failed".equals(t.get("status")) && !referred.contains(t.get("id")))
                .count();
        boolean passed = chainTwice == 0
                && completeUnpaid == 0
                && failedPaid == 0
                && payoutsTwice == 0
                && refundsTwice == 0
                && depositsFundedTwice == 0
                && ordersTwice == 0
                && onRampUnreferred == 0
                && depositsFunded == brokerFunded;
        return check(
                "nothing paid twice (on chain, at the broker, at the on-ramp)",
                passed,
                String.format(
                        "withdrawals sent on chain twice %d, COMPLETE without a transfer %d, FAILED with one %d, paid out at the broker"
                                + " twice %d, refunded twice %d; deposits funded at the broker twice %d (funded %d, BROKER_FUNDED %d);"
                                + " orders placed at the broker twice %d (of %d); on-ramp transfers no withdrawal refers to %d",
                        chainTwice,
                        completeUnpaid,
                        failedPaid,
                        payoutsTwice,
                        refundsTwice,
                        depositsFundedTwice,
                        depositsFunded,
                        brokerFunded,
                        ordersTwice,
                        orders.size(),
                        onRampUnreferred));
    }

    ChaosReport.Check depositsCreditedOnce() {
        String[] hashes = keys("deposit");
        long twice = databases.count(databases.funding(), """
                SELECT split_part(j.reference, ':', 2) FROM ledger_journal j
                JOIN ledger_entries e ON e.journal_id = j.id JOIN ledger_accounts a ON a.id = e.account_id
                JOIN deposits d ON j.reference LIKE 'deposit:' || d.id || ':%'
                WHERE d.tx_hash = ANY(:h) AND a.kind = 'user_buying_power' AND e.amount > 0
                GROUP BY 1 HAVING count(DISTINCT j.id) > 1""", "h", hashes);
        long uncredited = databases.count(
                databases.funding(),
                "SELECT 1 FROM deposits d WHERE d.tx_hash = ANY(:h)"
                        + " AND d.status = 'broker_funded' AND NOT EXISTS (SELECT 1 FROM ledger_journal j"
                        + " WHERE j.reference = 'deposit:' || d.id || ':broker_funded')",
                "h",
                hashes);
        long creditedNotFunded = databases.count(
                databases.funding(),
                "SELECT 1 FROM deposits d JOIN ledger_journal j"
                        + " ON j.reference = 'deposit:' || d.id || ':broker_funded' WHERE d.tx_hash = ANY(:h) AND d.status <> 'broker_funded'",
                "h",
                hashes);
        long twoDeposits = databases.count(
                databases.funding(),
                "SELECT 1 FROM deposits WHERE tx_hash = ANY(:h)"
                        + " GROUP BY chain, lower(tx_hash) HAVING count(*) > 1",
                "h",
                hashes);
        return check(
                "every deposit credited once",
                twice + uncredited + creditedNotFunded + twoDeposits == 0,
                String.format(
                        "credited more than once %d, BROKER_FUNDED but not credited %d, credited but not BROKER_FUNDED %d,"
                                + " one transfer recorded as two deposits %d",
                        twice, uncredited, creditedNotFunded, twoDeposits));
    }

    /** One hold per withdrawal, and one closing journal once it is final (sent, released, parked or refunded). */
    ChaosReport.Check withdrawalJournals() {
        List<Map<String, Object>> wrong = databases.rows(databases.funding(), """
                WITH wj AS (SELECT split_part(reference, ':', 2)::uuid id, kind FROM ledger_journal WHERE reference LIKE 'withdrawal:%')
                SELECT w.id::text AS id, w.status, w.compensation,
                       count(*) FILTER (WHERE wj.kind = 'withdrawal_held') held,
                       count(*) FILTER (WHERE wj.kind IN ('withdrawal_sent', 'withdrawal_released', 'withdrawal_refunded',
                                                          'withdrawal_parked')) closed
                FROM withdrawals w LEFT JOIN wj ON wj.id = w.id WHERE w.idempotency_key = ANY(:k) GROUP BY w.id
                HAVING count(*) FILTER (WHERE wj.kind = 'withdrawal_held') <> 1
                    OR count(*) FILTER (WHERE wj.kind IN ('withdrawal_sent', 'withdrawal_released', 'withdrawal_refunded',
                                                          'withdrawal_parked'))
                       <> CASE WHEN w.status = 'complete'
                                 OR (w.status = 'failed' AND (w.compensation IS NULL OR w.compensation_done)) THEN 1 ELSE 0 END""", "k", keys("withdrawal"));
        return check(
                "every withdrawal held once and closed once",
                wrong.isEmpty(),
                wrong.isEmpty()
                        ? "journals as expected"
                        : wrong.size() + " withdrawals: "
                                + wrong.stream().limit(10).toList());
    }

    /** One hold and at most one release per order, nothing held once final, nothing posted for a refused one. */
    ChaosReport.Check orderJournals() {
        String[] ids = databases
                .rows(
                        databases.investing(),
                        "SELECT id::text AS id FROM orders WHERE parent_order_id IS NULL"
                                + " AND idempotency_key = ANY(:k)",
                        "k",
                        keys("order"))
                .stream()
                .map(row -> (String) row.get("id"))
                .toArray(String[]::new);
        List<Map<String, Object>> wrong = databases.rows(databases.funding(), """
                WITH oj AS (SELECT split_part(j.reference, ':', 2)::uuid order_id, j.kind, e.amount, a.kind acct
                            FROM ledger_journal j JOIN ledger_entries e ON e.journal_id = j.id
                            JOIN ledger_accounts a ON a.id = e.account_id WHERE j.reference LIKE 'order:%')
                SELECT r.order_id::text AS order_id, r.outcome, r.terminal_status,
                       count(*) FILTER (WHERE oj.kind = 'order_held' AND oj.acct = 'user_pending_order') holds,
                       count(*) FILTER (WHERE oj.kind = 'order_released' AND oj.acct = 'user_pending_order') releases,
                       COALESCE(sum(oj.amount) FILTER (WHERE oj.acct = 'user_pending_order'), 0) still_held
                FROM order_reservations r LEFT JOIN oj ON oj.order_id = r.order_id WHERE r.order_id::text = ANY(:ids)
                GROUP BY r.order_id
                HAVING count(*) FILTER (WHERE oj.kind = 'order_held' AND oj.acct = 'user_pending_order') > 1
                    OR count(*) FILTER (WHERE oj.kind = 'order_released' AND oj.acct = 'user_pending_order') > 1
                    OR (r.terminal_status IS NOT NULL
                        AND COALESCE(sum(oj.amount) FILTER (WHERE oj.acct = 'user_pending_order'), 0) <> 0)
                    OR (r.outcome = 'refused' AND count(oj.order_id) > 0)""", "ids", ids);
        List<String> unsettled = unsettledOrders();
        return check(
                "every order held once, settled once, nothing left held",
                wrong.isEmpty() && unsettled.isEmpty(),
                String.format(
                        "%d orders: journals wrong %s; final in investing, unsettled in funding %s",
                        ids.length,
                        wrong.stream().limit(10).toList(),
                        unsettled.stream().limit(10).toList()));
    }

    ChaosReport.Check ledgerBalanced() {
        long unbalanced = databases.count(databases.funding(), DepositFlows.UNBALANCED_JOURNALS);
        long negative = databases.count(databases.funding(), DepositFlows.NEGATIVE_USER_ACCOUNTS);
        long drifted = databases.count(
                databases.funding(),
                "SELECT b.account_id FROM ledger_user_balances b"
                        + " WHERE b.balance <> (SELECT COALESCE(SUM(e.amount), 0) FROM ledger_entries e WHERE e.account_id = b.account_id)");
        BigDecimal sum = (BigDecimal) databases
                .rows(databases.funding(), "SELECT COALESCE(SUM(amount), 0) AS s FROM ledger_entries")
                .get(0)
                .get("s");
        String health = WebClient.create(RunningSuite.FUNDING)
                .get()
                .uri("/actuator/health/ledger")
                .retrieve()
                .bodyToMono(String.class)
                .onErrorResume(e -> Mono.just("unreadable: " + e))
                .block(RunningSuite.WITHIN);
        boolean up = health != null && health.contains("\"status\":\"UP\"");
        return check(
                "ledger balanced, no negative or drifted balance",
                unbalanced == 0 && negative == 0 && drifted == 0 && sum.signum() == 0 && up,
                String.format(
                        "unbalanced journals %d, user accounts below zero %d, balances that"
                                + " differ from their entries %d, sum of all entries %s; funding's /actuator/health/ledger %s",
                        unbalanced, negative, drifted, sum.toPlainString(), up ? "UP" : health));
    }

    /** Each user's cash at the broker equals buying power plus what the ledger holds for orders and pending withdrawals. */
    ChaosReport.Check brokerCashEqualsLedger(String[] users) {
        List<Map<String, Object>> accounts = databases.rows(databases.funding(), """
                SELECT ba.user_id::text AS user_id, ba.broker, ba.account_id,
                       COALESCE((SELECT sum(b.balance) FROM ledger_accounts a JOIN ledger_user_balances b ON b.account_id = a.id
                                 WHERE a.user_id = ba.user_id AND a.currency = 'USD'
                                   AND a.kind IN ('user_buying_power', 'user_pending_order')), 0)
                     + COALESCE((SELECT sum(amount_usd) FROM withdrawals w WHERE w.user_id = ba.user_id AND w.status = 'pending'), 0)
                       AS ledger
                FROM broker_accounts ba WHERE ba.user_id::text = ANY(:u)""", "u", users);
        String driveWealthToken = null;
        List<String> differ = new ArrayList<>();
        for (Map<String, Object> account : accounts) {
            BigDecimal broker;
            if ("alpaca".equals(account.get("broker"))) {
                broker = new BigDecimal(String.valueOf(sandbox.get()
                        .uri("/alpaca/v1/trading/accounts/{id}/account", account.get("account_id"))
                        .headers(h -> h.setBasicAuth("alpaca_local_key", "alpaca_local_secret"))
                        .retrieve()
                        .bodyToMono(RunningSuite.JSON)
                        .block(RunningSuite.WITHIN)
                        .get("cash")));
            } else {
                if (driveWealthToken == null) {
                    driveWealthToken = (String) sandbox.post()
                            .uri("/drivewealth/back-office/auth/tokens")
                            .header("dw-client-app-key", "dw_local_app_key")
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(Map.of("clientID", "stack-local", "clientSecret", "dw_local_secret_change_me"))
                            .retrieve()
                            .bodyToMono(RunningSuite.JSON)
                            .block(RunningSuite.WITHIN)
                            .get("access_token");
                }
                String token = driveWealthToken;
                Map<?, ?> cash = (Map<?, ?>) sandbox.get()
                        .uri("/drivewealth/back-office/accounts/{id}/summary/money", account.get("account_id"))
                        .header("dw-client-app-key", "dw_local_app_key")
                        .headers(h -> h.setBearerAuth(token))
                        .retrieve()
                        .bodyToMono(RunningSuite.JSON)
                        .block(RunningSuite.WITHIN)
                        .get("cash");
                broker = new BigDecimal(String.valueOf(cash.get("cashBalance")));
            }
            BigDecimal ledger = (BigDecimal) account.get("ledger");
            if (broker.compareTo(ledger) != 0) {
                differ.add(account.get("user_id") + ": broker " + broker.toPlainString() + ", ledger "
                        + ledger.toPlainString());
            }
        }
        return check(
                "broker's cash equals the ledger's, per user",
                differ.isEmpty() && accounts.size() == users.length,
                String.format(
                        "%d of %d users' broker accounts compared; differ: %s",
                        accounts.size(), users.length, differ.stream().limit(10).toList()));
    }

    /** Every service's dead-letter topics, as its actuator reports them (the gateway's service token). */
    ChaosReport.Check deadLetters() {
        Map<String, Object> pending = new TreeMap<>();
        boolean empty = true;
        String token = TestIssuer.signServiceToken(TestIssuer.serviceClaims().build(), SERVICE_TOKEN_SECRET);
        for (Map.Entry<String, Integer> service : new TreeMap<>(SERVICE_PORTS).entrySet()) {
            Map<String, Object> answer = WebClient.create("http://127.0.0.1:" + service.getValue())
                    .get()
                    .uri("/actuator/deadletters")
                    .headers(h -> h.setBearerAuth(token))
                    .retrieve()
                    .bodyToMono(RunningSuite.JSON)
                    .onErrorResume(e -> Mono.just(Map.of("error", e.toString())))
                    .block(RunningSuite.WITHIN);
            Object counts = answer.getOrDefault("pending", answer);
            pending.put(service.getKey(), counts);
            empty &= counts instanceof Map<?, ?> map
                    && !map.containsKey("error")
                    && map.values().stream().allMatch(n -> n instanceof Number number && number.longValue() == 0);
        }
        return check("dead-letter topics empty", empty, pending.toString());
    }

    /**
     * Every event applied once by each consumer, where a second application would leave a trace: funding answers each
     * order's reservation request once (investing asks once per order), and investing's and aicfo's views of each
     * user's buying power are funding's latest (none lost, none applied out of order).
     */
    ChaosReport.Check eventsAppliedOnce(String[] users) {
        long answeredTwice = databases.count(
                databases.funding(),
                "SELECT payload::jsonb->>'orderId' FROM outbox_events"
                        + " WHERE event_type = 'com.stack.funding.OrderReservationAnswered' GROUP BY 1 HAVING count(*) > 1");
        Map<String, BigDecimal> funding = new HashMap<>();
        databases
                .rows(
                        databases.funding(),
                        "SELECT a.user_id::text AS user_id, b.balance FROM ledger_accounts a"
                                + " JOIN ledger_user_balances b ON b.account_id = a.id WHERE a.kind = 'user_buying_power' AND a.currency = 'USD'"
                                + " AND a.user_id::text = ANY(:u)",
                        "u",
                        users)
                .forEach(row -> funding.put((String) row.get("user_id"), (BigDecimal) row.get("balance")));
        List<String> investingDiffers = new ArrayList<>();
        databases
                .rows(
                        databases.investing(),
                        "SELECT user_id::text AS user_id, buying_power_usd FROM buying_power"
                                + " WHERE user_id::text = ANY(:u)",
                        "u",
                        users)
                .forEach(row -> {
                    BigDecimal here = (BigDecimal) row.get("buying_power_usd");
                    BigDecimal there = funding.getOrDefault((String) row.get("user_id"), BigDecimal.ZERO);
                    if (here.compareTo(there) != 0) {
                        investingDiffers.add(row.get("user_id") + ": investing " + here.toPlainString() + ", funding "
                                + there.toPlainString());
                    }
                });
        boolean passed = answeredTwice == 0 && investingDiffers.isEmpty() && !funding.isEmpty();
        return check(
                "every event applied once by each consumer",
                passed,
                String.format(
                        "orders whose reservation funding"
                                + " answered more than once %d; users whose buying power in investing differs from funding's ledger %d %s",
                        answeredTwice,
                        investingDiffers.size(),
                        investingDiffers.stream().limit(10).toList()));
    }
}
