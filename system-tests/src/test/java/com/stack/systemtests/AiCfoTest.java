package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import com.stack.aicfo.AicfoApplication;
import com.stack.aicfo.facts.domain.SummaryFacts;
import com.stack.aicfo.summary.adapters.FactsJson;
import com.stack.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;

/**
 * The AI CFO through the gateway, on the suite's real money flows: a user's week (two deposits, a withdrawal, two
 * filled orders) becomes exactly one weekly summary whose figures are the week's facts, its claim taken over from an
 * instance stopped while it held it, by two AI CFO instances at once; an on-demand analysis is written once for concurrent
 * requests, by the OpenAI-compatible model the sandbox serves, and a model that alters a figure is refused, asked
 * again, then replaced by the local analyst.
 */
class AiCfoTest {

    static final Duration WITHIN = Duration.ofSeconds(90);
    static final String ANALYSIS = "mutation { requestPortfolioAnalysis { id kind weekStartDate summaryMarkdown } }";
    static StackSuite suite;
    static OrderFlows flows;
    final List<ConfigurableApplicationContext> extra = new ArrayList<>();

    @BeforeAll
    static void suite() {
        suite = StackSuite.shared();
        flows = new OrderFlows(suite, suite.gatewayUrl(), suite.service("funding"), suite.service("investing"));
    }

    @AfterEach
    void stopExtras() {
        extra.forEach(ConfigurableApplicationContext::close);
        flows.deposits()
                .sandbox()
                .delete()
                .uri("/sandbox/openai/mode")
                .retrieve()
                .toBodilessEntity()
                .block(WITHIN);
        flows.deposits().clearFaults();
    }

    String aicfo(String sql) {
        return suite.queryOne("aicfo", sql);
    }

    /**
     * Other AI CFOs on the suite's aicfo database, whose clock is a week ahead, so the week that is running now has
     * closed for them: their weekly run writes this week's summaries.
     */
    ConfigurableApplicationContext aicfoAWeekAhead(String name, int batchSize, int concurrency) {
        SpringApplication application = AicfoApplication.application();
        application.addInitializers(context -> context.getBeanFactory()
                .registerSingleton("clock", Clock.offset(Clock.systemUTC(), Duration.ofDays(7))));
        List<String> args = new ArrayList<>(suite.serviceArguments(suite.database("aicfo")));
        args.addAll(suite.aicfoArguments());
        args.addAll(List.of(
                "--stack.messaging.consumer-group=aicfo-" + name + "-" + TestInfrastructure.runId(),
                "--stack.aicfo.weekly.interval=500ms",
                "--stack.aicfo.weekly.batch-size=" + batchSize,
                "--stack.aicfo.weekly.concurrency=" + concurrency,
                "--stack.aicfo.weekly.lease=3s"));
        ConfigurableApplicationContext context = application.run(args.toArray(String[]::new));
        extra.add(context);
        return context;
    }

    @Test
    void aWeekOfMoneyBecomesExactlyOneWeeklySummaryWhoseFiguresAreTheFactsDespiteAStopMidRun() {
        GatewayClient client = flows.fundedUser("300.00");
        String userId = flows.userId(client);
        // a second deposit, two orders filled, a withdrawal: all in this week
        flows.deposits().transfer(flows.deposits().walletAddress(client, "ETHEREUM"), "150.000000");
        await().atMost(WITHIN)
                .untilAsserted(
                        () -> assertThat(flows.deposits().balance(client)).containsEntry("buyingPowerUsd", "450.00"));
        BigDecimal bought = BigDecimal.ZERO;
        for (Map<String, Object> input : List.of(
                OrderFlows.symbolOrder("AAPL", "BUY", "50.00"), OrderFlows.symbolOrder("MSFT", "BUY", "30.00"))) {
            String order = flows.placed(client, input);
            bought = bought.add(OrderFlows.decimal(flows.awaitStatus(client, order, "FILLED"), "filledAmountUsd"));
        }
        GatewayClient.Response withdrawal = client.graphQl(
                WithdrawalRequestTest.INITIATE,
                WithdrawalRequestTest.input("20.00", "ETHEREUM", WithdrawalToAddressTest.ETHEREUM_TARGET));
        assertThat(withdrawal.errors()).isEmpty();
        String withdrawalId = withdrawal.at("initiateWithdrawal.id");
        await().atMost(WITHIN)
                .until(
                        () -> client.graphQl(
                                        "query($id: ID!) { withdrawal(id: $id) { status } }",
                                        Map.of("id", withdrawalId))
                                .at("withdrawal.status"),
                        "COMPLETE"::equals);
        // the AI CFO has heard of all five
        await().atMost(WITHIN)
                .until(() ->
                        Long.parseLong(aicfo("SELECT count(*) FROM activity WHERE user_id = '" + userId + "'")) >= 5);

        // an instance a week ahead claims every due run at once, this user's among them, and hangs on the model;
        // it is stopped while it holds the claim, which the instances started after it must take over
        flows.deposits().fault(Map.of("partner", "openai", "timeout", true, "count", 100_000));
        ConfigurableApplicationContext first = aicfoAWeekAhead("weekly-a", 100_000, 1);
        await().atMost(WITHIN)
                .until(
                        () -> aicfo("SELECT count(*) FROM weekly_runs WHERE user_id = '" + userId
                                + "' AND state = 'claimed' AND attempts = 1"),
                        "1"::equals);
        first.close();
        extra.remove(first);
        flows.deposits().clearFaults();
        aicfoAWeekAhead("weekly-b", 5, 2);
        aicfoAWeekAhead("weekly-a-again", 5, 2);

        LocalDate monday =
                LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
        await().atMost(Duration.ofMinutes(3))
                .until(
                        () -> aicfo("SELECT count(*) FROM ai_summaries WHERE user_id = '" + userId
                                + "' AND kind = 'weekly' AND week_start_date = '" + monday + "'"),
                        "1"::equals);
        // the stopped instance's claim was taken over after its lease: a second attempt wrote it
        assertThat(aicfo("SELECT state || '/' || (attempts > 1) FROM weekly_runs WHERE user_id = '" + userId + "'"))
                .isEqualTo("done/true");
        String markdown =
                aicfo("SELECT summary_markdown FROM ai_summaries WHERE user_id = '" + userId + "' AND kind = 'weekly'");
        SummaryFacts facts = FactsJson.read(aicfo(
                "SELECT facts_json::text FROM ai_summaries WHERE user_id = '" + userId + "' AND kind = 'weekly'"));
        // the week's facts, as the money moved
        assertThat(facts.periodStart()).isEqualTo(monday);
        assertThat(facts.deposits().count()).isEqualTo(2);
        assertThat(facts.deposits().totalUsd()).isEqualByComparingTo("450.00");
        assertThat(facts.withdrawals().count()).isEqualTo(1);
        assertThat(facts.withdrawals().totalUsd()).isEqualByComparingTo("20.00");
        assertThat(facts.ordersFilled()).isEqualTo(2);
        assertThat(facts.boughtUsd()).isEqualByComparingTo(bought);
        // every figure of the markdown, read by its kind, is a fact of that kind; the labelled ones are theirs
        WeeklyFigures.assertEveryFigureIsAFact(markdown, facts);
        assertThat(markdown).doesNotContain("<", "@");
        // exactly one summary and one notification per user and week, whoever ran it
        assertThat(aicfo("SELECT count(*) FROM (SELECT user_id FROM ai_summaries WHERE kind = 'weekly'"
                        + " GROUP BY user_id, week_start_date HAVING count(*) > 1) twice"))
                .isEqualTo("0");
        await().atMost(WITHIN)
                .until(() -> flows.deposits().notifications(client).stream()
                                .filter(n -> "AI_SUMMARY_READY".equals(n.get("kind")))
                                .count()
                        == 1);
        assertThat(client.graphQl("{ me { summaries { edges { node { kind weekStartDate } } } } }")
                        .<List<Object>>at("me.summaries.edges"))
                .hasSize(1);
        // nobody else sees it
        GatewayClient stranger = flows.deposits().approvedUserWithWallets();
        GatewayClient.Response strangers =
                stranger.graphQl("{ me { latestSummary { id } summaries { edges { node { id } } } } }");
        assertThat(strangers.errors()).isEmpty();
        assertThat(strangers.<Object>at("me.latestSummary")).isNull();
        assertThat(strangers.<List<Object>>at("me.summaries.edges")).isEmpty();
    }

    @Test
    void concurrentAnalysisRequestsAreWrittenOnceByTheModelWithTheirFiguresChecked() throws Exception {
        GatewayClient client = flows.fundedUser("80.00");
        String order = flows.placed(client, OrderFlows.symbolOrder("MSFT", "BUY", "30.00"));
        flows.awaitStatus(client, order, "FILLED");
        flows.deposits()
                .sandbox()
                .delete()
                .uri("/sandbox/openai/requests")
                .retrieve()
                .toBodilessEntity()
                .block(WITHIN);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<GatewayClient.Response> answers = Collections.synchronizedList(new ArrayList<>());
        try {
            CompletableFuture.allOf(IntStream.range(0, 4)
                            .mapToObj(
                                    i -> CompletableFuture.runAsync(() -> answers.add(client.graphQl(ANALYSIS)), pool))
                            .toArray(CompletableFuture[]::new))
                    .get();
        } finally {
            pool.shutdown();
        }
        assertThat(answers).allSatisfy(answer -> assertThat(answer.errors()).isEmpty());
        assertThat(answers.stream()
                        .map(answer -> answer.<String>at("requestPortfolioAnalysis.id"))
                        .distinct())
                .hasSize(1);
        String id = answers.get(0).at("requestPortfolioAnalysis.id");
        assertThat(aicfo("SELECT analyst || '/' || fell_back FROM ai_summaries WHERE id = '" + id + "'"))
                .isEqualTo("openai/false");
        // the model was asked once, and saw the facts, not who the user is
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> requests = (List<Map<String, Object>>) flows.deposits()
                .sandbox()
                .get()
                .uri("/sandbox/openai/requests")
                .retrieve()
                .bodyToMono(DepositFlows.JSON)
                .block(WITHIN)
                .get("requests");
        assertThat(requests).hasSize(1);
        assertThat(requests.toString())
                .contains("MSFT")
                .doesNotContain("@example.com", flows.userId(client), "Lovelace", "0x");
        assertThat(client.graphQl("{ me { latestSummary { id kind } } }").<String>at("me.latestSummary.id"))
                .isEqualTo(id);
    }

    @Test
    void aModelThatAltersAFigureIsRefusedAskedAgainThenTheLocalAnalystWrites() {
        GatewayClient client = flows.fundedUser("40.00");
        flows.deposits()
                .sandbox()
                .put()
                .uri("/sandbox/openai/mode")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("mode", "WRONG_NUMBERS"))
                .retrieve()
                .toBodilessEntity()
                .block(WITHIN);

        GatewayClient.Response answer = client.graphQl(ANALYSIS);

        assertThat(answer.errors()).isEmpty();
        String id = answer.at("requestPortfolioAnalysis.id");
        assertThat(aicfo("SELECT analyst || '/' || fell_back || '/' || attempts FROM ai_summaries WHERE id = '" + id
                        + "'"))
                .isEqualTo("local/true/2");
        assertThat(answer.<String>at("requestPortfolioAnalysis.summaryMarkdown"))
                .contains("40.00")
                .doesNotContain("41.00");

        // a model that is down: the local analyst writes at once after the retries
        flows.deposits().fault(Map.of("partner", "openai", "status", 503));
        GatewayClient other = flows.fundedUser("15.00");
        GatewayClient.Response fallback = other.graphQl(ANALYSIS);
        assertThat(fallback.errors()).isEmpty();
        assertThat(aicfo("SELECT analyst || '/' || fell_back FROM ai_summaries WHERE id = '"
                        + fallback.<String>at("requestPortfolioAnalysis.id") + "'"))
                .isEqualTo("local/true");
    }

    @Test
    void overTheLimitAnAnalysisIsRateLimitedWithARetryAfter() {
        GatewayClient client = flows.deposits().approvedUserWithWallets();
        List<GatewayClient.Response> answers = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            answers.add(client.graphQl(ANALYSIS));
        }
        assertThat(answers.subList(0, 10))
                .allSatisfy(answer -> assertThat(answer.errors()).isEmpty());
        assertThat(answers.get(10).errors().toString()).contains("RATE_LIMITED");
    }
}
