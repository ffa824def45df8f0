package com.stack.aicfo.analyst.adapters.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.stack.aicfo.analyst.app.Facts;
import com.stack.aicfo.analyst.app.FigureCheck;
import com.stack.aicfo.analyst.app.LocalAnalyst;
import com.stack.aicfo.analyst.app.SummaryWriter;
import com.stack.aicfo.facts.domain.SummaryFacts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.test.StepVerifier;

/**
 * The OpenAI-compatible analyst against the partner sandbox's chat completions, over HTTP, and the summary writer on
 * top of it: a normal answer is accepted, a wrong number is refused, asked again, then the local analyst writes it; a
 * 5xx or a timeout falls back; every outcome is counted; what leaves the service holds no personal data.
 */
class OpenAiCompatibleAnalystTest {

    static final ModelSandbox SANDBOX = ModelSandbox.shared();
    static final Duration WAIT = Duration.ofSeconds(30);

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final SummaryFacts facts = Facts.week();

    @BeforeEach
    @AfterEach
    void reset() {
        SANDBOX.clearFaults();
        SANDBOX.control()
                .delete()
                .uri("/openai/mode")
                .retrieve()
                .toBodilessEntity()
                .block(WAIT);
        SANDBOX.control()
                .delete()
                .uri("/openai/requests")
                .retrieve()
                .toBodilessEntity()
                .block(WAIT);
    }

    static ModelProperties properties(Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "stack.aicfo.model.provider", "openai",
                "stack.aicfo.model.base-url", SANDBOX.url("/openai/v1"),
                "stack.aicfo.model.resilience.timeout", "1s",
                "stack.aicfo.model.resilience.max-attempts", "2",
                "stack.aicfo.model.resilience.initial-backoff", "20ms"));
        settings.putAll(more);
        return ModelSandbox.properties("stack.aicfo.model", ModelProperties.class, settings);
    }

    OpenAiCompatibleAnalyst analyst(Map<String, String> more) {
        return new OpenAiCompatibleAnalyst(WebClient.builder(), properties(more));
    }

    SummaryWriter writer(OpenAiCompatibleAnalyst analyst) {
        return new SummaryWriter(analyst, new LocalAnalyst(), 2, meters);
    }

    double counted(String analyst, String outcome) {
        Counter counter = meters.find(SummaryWriter.METRIC)
                .tag("analyst", analyst)
                .tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> recorded() {
        return (List<Map<String, Object>>)
                SANDBOX.controlGet("/openai/requests").get("requests");
    }

    @Test
    void aNormalAnswerIsAcceptedAsTheModelWroteIt() {
        SummaryWriter.Written written = writer(analyst(Map.of())).write(facts).block(WAIT);

        assertThat(written.analyst()).isEqualTo("openai");
        assertThat(written.attempts()).isEqualTo(1);
        assertThat(written.fellBack()).isFalse();
        assertThat(written.markdown())
                .startsWith("## Your week in review")
                .contains("$1500.00", "$1884.65", "25.4%")
                .doesNotContain("Largest holdings");
        assertThat(FigureCheck.of(facts).check(written.markdown()).figures()).isGreaterThan(10);
        assertThat(counted("openai", "accepted")).isEqualTo(1);
        assertThat(recorded()).hasSize(1);
    }

    @Test
    void theRequestCarriesTheModelThePromptsAndTheFactsAsAJsonBlock() {
        analyst(Map.of("stack.aicfo.model.model", "qwen-test")).write(facts, 1).block(WAIT);

        Map<String, Object> request = recorded().get(0);
        assertThat(request).containsEntry("model", "qwen-test").containsEntry("stream", false);
        @SuppressWarnings("unchecked")
        List<Map<String, String>> messages = (List<Map<String, String>>) request.get("messages");
        assertThat(messages).extracting(message -> message.get("role")).containsExactly("system", "user");
        assertThat(messages.get(0).get("content")).contains("Use only the figures in the JSON", "No HTML");
        assertThat(messages.get(1).get("content"))
                .contains(
                        "```json\n{",
                        "\"boughtUsd\" : 1250.00",
                        "\"periodStart\" : \"2026-11-30\"",
                        "\"weightPercent\" : 61.2")
                .endsWith("}\n```");
    }

    @Test
    void nothingPersonalLeavesTheService() {
        writer(analyst(Map.of())).write(facts).block(WAIT);
        analyst(Map.of("stack.aicfo.model.stream", "true")).write(facts, 2).block(WAIT);

        String sent = recorded().toString();
        assertThat(recorded()).hasSize(2);
        assertThat(sent)
                .doesNotContain(
                        facts.userId().toString(), "userId", "asOf", "@", "0x", "email", "name\"", "address", "wallet");
        // the record itself has nothing personal to send: its fields are these, all figures, dates and symbols
        assertThat(SummaryFacts.class.getRecordComponents())
                .extracting(c -> c.getName())
                .containsExactly(
                        "version",
                        "userId",
                        "kind",
                        "periodStart",
                        "periodEnd",
                        "deposits",
                        "withdrawals",
                        "ordersFilled",
                        "boughtUsd",
                        "soldUsd",
                        "buyingPowerUsd",
                        "portfolio",
                        "asOf");
        assertThat(SummaryFacts.Holding.class.getRecordComponents())
                .extracting(c -> c.getName())
                .containsExactly(
                        "symbol", "assetType", "quantity", "marketValueUsd", "unrealizedPnlUsd", "weightPercent");
    }

    @Test
    void aStreamedAnswerIsAssembledFromItsChunks() {
        OpenAiCompatibleAnalyst streamed = analyst(Map.of("stack.aicfo.model.stream", "true"));
        String whole = analyst(Map.of()).write(facts, 1).block(WAIT);

        SummaryWriter.Written written = writer(streamed).write(facts).block(WAIT);

        assertThat(written.markdown()).isEqualTo(whole);
        assertThat(written.analyst()).isEqualTo("openai");
        assertThat(recorded().get(1)).containsEntry("stream", true);
    }

    @Test
    void wrongNumbersAreRefusedAskedAgainThenTheLocalAnalystWritesIt() {
        SANDBOX.controlPut("/openai/mode", Map.of("mode", "WRONG_NUMBERS"));

        SummaryWriter.Written written = writer(analyst(Map.of())).write(facts).block(WAIT);

        assertThat(written.fellBack()).isTrue();
        assertThat(written.analyst()).isEqualTo("local");
        assertThat(written.attempts()).isEqualTo(2);
        assertThat(written.markdown()).isEqualTo(new LocalAnalyst().markdown(facts));
        assertThat(counted("openai", "refused")).isEqualTo(2);
        assertThat(counted("openai", "fell_back")).isEqualTo(1);
        assertThat(counted("local", "accepted")).isEqualTo(1);
        assertThat(counted("openai", "accepted")).isZero();
        // the second request told the model its answer was refused
        assertThat(recorded()).hasSize(2);
        assertThat(recorded().get(1).toString()).contains("Your previous answer was refused");
    }

    @Test
    void aWrongAnswerThenARightOneIsAcceptedOnTheSecondAttempt() {
        SANDBOX.controlPut("/openai/mode", Map.of("mode", "WRONG_NUMBERS", "count", 1));

        SummaryWriter.Written written = writer(analyst(Map.of())).write(facts).block(WAIT);

        assertThat(written.analyst()).isEqualTo("openai");
        assertThat(written.attempts()).isEqualTo(2);
        assertThat(written.fellBack()).isFalse();
        assertThat(counted("openai", "refused")).isEqualTo(1);
        assertThat(counted("openai", "accepted")).isEqualTo(1);
    }

    @Test
    void aStreamedWrongNumberIsRefusedToo() {
        SANDBOX.controlPut("/openai/mode", Map.of("mode", "WRONG_NUMBERS"));

        SummaryWriter.Written written = writer(analyst(Map.of("stack.aicfo.model.stream", "true")))
                .write(facts)
                .block(WAIT);

        assertThat(written.fellBack()).isTrue();
        assertThat(counted("openai", "refused")).isEqualTo(2);
    }

    @Test
    void aServerErrorThatLastsFallsBackAndIsCounted() {
        // every request fails: two answers asked for, each retried once by the resilience settings
        SANDBOX.fault("openai", "POST", "/v1/chat/completions", 503, 10);

        SummaryWriter.Written written = writer(analyst(Map.of())).write(facts).block(WAIT);

        assertThat(written.fellBack()).isTrue();
        assertThat(written.analyst()).isEqualTo("local");
        assertThat(counted("openai", "failed")).isEqualTo(2);
        assertThat(counted("openai", "fell_back")).isEqualTo(1);
    }

    @Test
    void aPassingServerErrorIsRetriedWithinOneAttempt() {
        SANDBOX.fault("openai", "POST", "/v1/chat/completions", 503, 1);

        SummaryWriter.Written written = writer(analyst(Map.of())).write(facts).block(WAIT);

        assertThat(written.analyst()).isEqualTo("openai");
        assertThat(written.attempts()).isEqualTo(1);
        assertThat(counted("openai", "failed")).isZero();
    }

    @Test
    void aTimeoutFallsBack() {
        SANDBOX.controlPost(
                "/faults",
                Map.of(
                        "partner",
                        "openai",
                        "method",
                        "POST",
                        "pathPattern",
                        "/v1/chat/completions",
                        "timeout",
                        true,
                        "count",
                        10));

        SummaryWriter.Written written = writer(analyst(Map.of())).write(facts).block(WAIT);

        assertThat(written.fellBack()).isTrue();
        assertThat(counted("openai", "failed")).isEqualTo(2);
    }

    @Test
    void aStreamedAnswerThatFailsWithAServerErrorFallsBackAndIsCounted() {
        SANDBOX.fault("openai", "POST", "/v1/chat/completions", 503, 10);

        SummaryWriter.Written written = writer(analyst(Map.of("stack.aicfo.model.stream", "true")))
                .write(facts)
                .block(WAIT);

        assertThat(written.fellBack()).isTrue();
        assertThat(written.analyst()).isEqualTo("local");
        assertThat(written.attempts()).isEqualTo(2);
        assertThat(written.markdown()).isEqualTo(new LocalAnalyst().markdown(facts));
        assertThat(counted("openai", "failed")).isEqualTo(2);
        assertThat(counted("openai", "fell_back")).isEqualTo(1);
        assertThat(counted("local", "accepted")).isEqualTo(1);
        assertThat(counted("openai", "accepted")).isZero();
    }

    @Test
    void aStreamedAnswerThatTimesOutFallsBackAndIsCounted() {
        SANDBOX.controlPost(
                "/faults",
                Map.of(
                        "partner",
                        "openai",
                        "method",
                        "POST",
                        "pathPattern",
                        "/v1/chat/completions",
                        "timeout",
                        true,
                        "count",
                        10));

        SummaryWriter.Written written = writer(analyst(Map.of("stack.aicfo.model.stream", "true")))
                .write(facts)
                .block(WAIT);

        assertThat(written.fellBack()).isTrue();
        assertThat(written.analyst()).isEqualTo("local");
        assertThat(counted("openai", "failed")).isEqualTo(2);
        assertThat(counted("openai", "fell_back")).isEqualTo(1);
        assertThat(counted("local", "accepted")).isEqualTo(1);
    }

    @Test
    void aWrongKeyIsRefusedWithoutRetriesAndFallsBack() {
        OpenAiCompatibleAnalyst wrongKey = analyst(Map.of("stack.aicfo.model.api-key", "sk-wrong"));

        StepVerifier.create(wrongKey.write(facts, 1))
                .expectErrorSatisfies(e -> assertThat(e)
                        .isInstanceOf(OpenAiCompatibleAnalyst.ModelRefusedException.class)
                        .hasMessageContaining("HTTP 401")
                        .hasMessageNotContaining("sk-wrong"))
                .verify(WAIT);
        assertThat(writer(wrongKey).write(facts).block(WAIT).fellBack()).isTrue();
        assertThat(recorded()).isEmpty();
    }

    @Test
    void anAnswerWithoutFiguresIsAcceptedAsIs() {
        SANDBOX.controlPut("/openai/mode", Map.of("mode", "NO_FIGURES", "count", 1));

        SummaryWriter.Written written = writer(analyst(Map.of())).write(facts).block(WAIT);

        assertThat(written.analyst()).isEqualTo("openai");
        assertThat(written.markdown()).doesNotContainPattern("\\d");
    }
}
