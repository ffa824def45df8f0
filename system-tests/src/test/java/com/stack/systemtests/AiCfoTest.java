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
import com.stack.testsupport.SharedTestJvm;
import com.stack.testsupport.TestInfrastructure;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;

/**
 * The AI CFO through the gateway, on the suite's real money flows: a user's week (a deposit, a withdrawal, a filled
 * order) becomes exactly one weekly summary whose figures are the week's facts, written by two AI CFO instances at
 * once with one of them stopped in the middle of the run; an on-demand analysis is written once for concurrent
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
        flows.deposits().sandbox().delete().uri("/sandbox/openai/mode").retrieve().toBodilessEntity().block(WITHIN);
        flows.deposits().clearFaults();
    }

    String aicfo(String sql) {
        return suite.queryOne("aicfo", sql);
    }

    /**
     * Another AI CFO on the suite's aicfo database whose clock is a week ahead, so the week that is running now has
     * closed for it: its weekly run writes this week's summaries.
     */
    ConfigurableApplicationContext aicfoAWeekAhead(String name) {
        SpringApplication application = AicfoApplication.application();
        application.addInitializers(context -> context.getBeanFactory().registerSingleton("clock",
                Clock.offset(Clock.systemUTC(), Duration.ofDays(7))));
        List<String> args = new ArrayList<>(suite.serviceArguments(suite.database("aicfo")));
        args.addAll(suite.aicfoArguments());
        args.addAll(List.of("--stack.messaging.consumer-group=aicfo-" + name + "-" + TestInfrastructure.runId(),
                "--stack.aicfo.weekly.interval=500ms", "--stack.aicfo.weekly.batch-size=2",
                "--stack.aicfo.weekly.concurrency=1", "--stack.aicfo.weekly.lease=3s"));
        ConfigurableApplicationContext context = SharedTestJvm.isolated(application).run(args.toArray(String[]::new));
        extra.add(context);
        return context;
    }

    @Test
    void aWeekOfMoneyBecomesExactlyOneWeeklySummaryWhoseFiguresAreTheFactsDespiteAStopMidRun() {
        GatewayClient client = flows.fundedUser("300.00");
        String userId = flows.userId(client);
        String order = flows.placed(client, OrderFlows.symbolOrder("AAPL", "BUY", "50.00"));
        BigDecimal bought = OrderFlows.decimal(flows.awaitStatus(client, order, "FILLED"), "filledAmountUsd");
        GatewayClient.Response withdrawal = client.graphQl(WithdrawalRequestTest.INITIATE,
                WithdrawalRequestTest.input("20.00", "ETHEREUM", WithdrawalToAddressTest.ETHEREUM_TARGET));
        assertThat(withdrawal.errors()).isEmpty();
        String withdrawalId = withdrawal.at("initiateWithdrawal.id");
        await().atMost(WITHIN).until(() -> client.graphQl("query($id: ID!) { withdrawal(id: $id) { status } }",
                Map.of("id", withdrawalId)).at("withdrawal.status"), "COMPLETE"::equals);
        // the AI CFO has heard of all three
        await().atMost(WITHIN).until(() -> Long.parseLong(aicfo("SELECT count(*) FROM activity WHERE user_id = '"
                + userId + "'")) >= 3);

        // two instances a week ahead run the week; the first is stopped while it is in the middle of the run
        ConfigurableApplicationContext first = aicfoAWeekAhead("weekly-a");
        aicfoAWeekAhead("weekly-b");
        await().atMost(WITHIN).until(() -> Long.parseLong(aicfo("SELECT count(*) FROM weekly_runs")) > 0);
        first.close();
        extra.remove(first);
        aicfoAWeekAhead("weekly-a-again");

        LocalDate monday = LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
        await().atMost(Duration.ofMinutes(3)).until(() -> aicfo("SELECT count(*) FROM ai_summaries WHERE user_id = '"
                + userId + "' AND kind = 'weekly' AND week_start_date = '" + monday + "'"), "1"::equals);
        String markdown = aicfo("SELECT summary_markdown FROM ai_summaries WHERE user_id = '" + userId
                + "' AND kind = 'weekly'");
        // the week's figures, as the money moved: one deposit of 300.00, one withdrawal of 20.00, one order filled
        String facts = aicfo("SELECT facts_json::text FROM ai_summaries WHERE user_id = '" + userId + "' AND kind = 'weekly'");
        assertThat(facts.replace(" ", "")).contains("\"deposits\":{\"count\":1,\"totalUsd\":300.00}",
                "\"withdrawals\":{\"count\":1,\"totalUsd\":20.00}", "\"ordersFilled\":1",
                "\"boughtUsd\":" + bought.toPlainString());
        assertThat(markdown).contains("300.00", "20.00", bought.toPlainString()).doesNotContain("<", "@");
        // every figure of the markdown is one of the facts: the model's figures were checked before it was stored
        List<String> figures = new ArrayList<>();
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\d[\\d,]*(\\.\\d+)?").matcher(
                markdown.replaceAll("\\d{4}-\\d{2}-\\d{2}", "").replaceAll("[A-Z]{1,5}\\d{6}[CP]\\d{8}", ""));
        while (matcher.find()) {
            figures.add(matcher.group().replace(",", ""));
        }
        assertThat(figures).isNotEmpty().allSatisfy(figure -> assertThat(facts).contains(new BigDecimal(figure)
                .stripTrailingZeros().toPlainString().replaceAll("\\.0+$", "")));
        // exactly one summary and one notification per user and week, whoever ran it
        assertThat(aicfo("SELECT count(*) FROM (SELECT user_id FROM ai_summaries WHERE kind = 'weekly'"
                + " GROUP BY user_id, week_start_date HAVING count(*) > 1) twice")).isEqualTo("0");
        await().atMost(WITHIN).until(() -> flows.deposits().notifications(client).stream()
                .filter(n -> "AI_SUMMARY_READY".equals(n.get("kind"))).count() == 1);
        assertThat(client.graphQl("{ me { summaries { edges { node { kind weekStartDate } } } } }")
                .<List<Object>>at("me.summaries.edges")).hasSize(1);
        // nobody else sees it
        GatewayClient stranger = flows.deposits().approvedUserWithWallets();
        assertThat(stranger.graphQl("{ me { latestSummary { id } summaries { edges { node { id } } } } }")
                .<List<Object>>at("me.summaries.edges")).isEmpty();
    }

    @Test
    void concurrentAnalysisRequestsAreWrittenOnceByTheModelWithTheirFiguresChecked() throws Exception {
        GatewayClient client = flows.fundedUser("80.00");
        String order = flows.placed(client, OrderFlows.symbolOrder("MSFT", "BUY", "30.00"));
        flows.awaitStatus(client, order, "FILLED");
        flows.deposits().sandbox().delete().uri("/sandbox/openai/requests").retrieve().toBodilessEntity().block(WITHIN);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<GatewayClient.Response> answers = Collections.synchronizedList(new ArrayList<>());
        try {
            CompletableFuture.allOf(IntStream.range(0, 4).mapToObj(i -> CompletableFuture.runAsync(
                    () -> answers.add(client.graphQl(ANALYSIS)), pool)).toArray(CompletableFuture[]::new)).get();
        } finally {
            pool.shutdown();
        }
        assertThat(answers).allSatisfy(answer -> assertThat(answer.errors()).isEmpty());
        assertThat(answers.stream().map(answer -> answer.<String>at("requestPortfolioAnalysis.id")).distinct()).hasSize(1);
        String id = answers.get(0).at("requestPortfolioAnalysis.id");
        assertThat(aicfo("SELECT analyst || '/' || fell_back FROM ai_summaries WHERE id = '" + id + "'"))
                .isEqualTo("openai/false");
        // the model was asked once, and saw the facts, not who the user is
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> requests = (List<Map<String, Object>>) flows.deposits().sandbox().get()
                .uri("/sandbox/openai/requests").retrieve().bodyToMono(DepositFlows.JSON).block(WITHIN).get("requests");
        assertThat(requests).hasSize(1);
        assertThat(requests.toString()).contains("MSFT").doesNotContain("@example.com", flows.userId(client),
                "Lovelace", "0x");
        assertThat(client.graphQl("{ me { latestSummary { id kind } } }").<String>at("me.latestSummary.id")).isEqualTo(id);
    }

    @Test
    void aModelThatAltersAFigureIsRefusedAskedAgainThenTheLocalAnalystWrites() {
        GatewayClient client = flows.fundedUser("40.00");
        flows.deposits().sandbox().put().uri("/sandbox/openai/mode").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("mode", "WRONG_NUMBERS")).retrieve().toBodilessEntity().block(WITHIN);

        GatewayClient.Response answer = client.graphQl(ANALYSIS);

        assertThat(answer.errors()).isEmpty();
        String id = answer.at("requestPortfolioAnalysis.id");
        assertThat(aicfo("SELECT analyst || '/' || fell_back || '/' || attempts FROM ai_summaries WHERE id = '" + id + "'"))
                .isEqualTo("local/true/2");
        assertThat(answer.<String>at("requestPortfolioAnalysis.summaryMarkdown")).contains("40.00").doesNotContain("41.00");

        // a model that is down: the local analyst writes at once after the retries
        flows.deposits().fault(Map.of("partner", "openai", "status", 503));
        GatewayClient other = flows.fundedUser("15.00");
        GatewayClient.Response fallback = other.graphQl(ANALYSIS);
        assertThat(fallback.errors()).isEmpty();
        assertThat(aicfo("SELECT analyst || '/' || fell_back FROM ai_summaries WHERE id = '"
                + fallback.<String>at("requestPortfolioAnalysis.id") + "'")).isEqualTo("local/true");
    }

    @Test
    void overTheLimitAnAnalysisIsRateLimitedWithARetryAfter() {
        GatewayClient client = flows.deposits().approvedUserWithWallets();
        List<GatewayClient.Response> answers = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            answers.add(client.graphQl(ANALYSIS));
        }
        assertThat(answers.subList(0, 10)).allSatisfy(answer -> assertThat(answer.errors()).isEmpty());
        assertThat(answers.get(10).errors().toString()).contains("RATE_LIMITED");
    }
}
