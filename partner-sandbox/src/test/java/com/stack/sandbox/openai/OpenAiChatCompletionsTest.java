package com.stack.sandbox.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.stack.sandbox.SandboxIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAI-compatible chat completions API over HTTP, called as an OpenAI client calls it: a bearer key, a facts
 * block in the user message, plain and streamed answers, the control API's modes and recorded requests, a fault.
 */
class OpenAiChatCompletionsTest extends SandboxIntegrationTest {

    static final String API_KEY = "sk-local-sandbox";
    static final JsonMapper JSON = JsonMapper.builder().build();

    static final String FACTS = """
            {"version": 1, "userId": "0190f3c2-0000-7000-8000-000000000001", "kind": "WEEKLY",
             "periodStart": "2025-06-02", "periodEnd": "2025-06-08",
             "deposits": {"count": 2, "totalUsd": 1234.50}, "withdrawals": {"count": 1, "totalUsd": 200.00},
             "ordersFilled": 3, "boughtUsd": 1000.00, "soldUsd": 0.00, "buyingPowerUsd": 34.50,
             "portfolio": {"totalValueUsd": 1010.25, "cashUsd": 34.50, "investedUsd": 975.75,
               "unrealizedPnlUsd": -24.25, "dayChangeUsd": 1.10,
               "holdings": [{"symbol": "AAPL", "assetType": "EQUITY", "quantity": 2.5, "marketValueUsd": 629.35,
                             "unrealizedPnlUsd": -2.00, "weightPercent": 64.5},
                            {"symbol": "MSFT", "assetType": "EQUITY", "quantity": 1, "marketValueUsd": 346.40,
                             "unrealizedPnlUsd": -22.25, "weightPercent": 35.5}]},
             "asOf": "2025-06-08T22:00:00Z"}
            """;

    static final List<String> FIGURE_LINES = List.of(
            "- Deposits: 2, totalling $1234.50",
            "- Withdrawals: 1, totalling $200.00",
            "- Orders filled: 3",
            "- Bought: $1000.00",
            "- Sold: $0.00",
            "- Buying power: $34.50",
            "- Portfolio total: $1010.25",
            "- AAPL: $629.35, 64.5% of what is invested",
            "- MSFT: $346.40, 35.5% of what is invested");

    @BeforeEach
    void normalAnswersAndNoRequests() {
        control().delete().uri("/openai/mode").exchange().expectStatus().isNoContent();
        control().delete().uri("/openai/requests").exchange().expectStatus().isNoContent();
    }

    @AfterEach
    void noFaults() {
        control().delete().uri("/faults").exchange().expectStatus().isNoContent();
    }

    @Test
    void anAnswerStatesEveryFigureOfTheFactsExactly() {
        JsonNode answer = complete(request(prompt(FACTS), false))
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();

        assertThat(answer.path("id").stringValue()).startsWith("chatcmpl-");
        assertThat(answer.path("object").stringValue()).isEqualTo("chat.completion");
        assertThat(answer.path("created").longValue()).isPositive();
        assertThat(answer.path("model").stringValue()).isEqualTo("gpt-4o-mini");
        JsonNode choice = answer.path("choices").get(0);
        assertThat(choice.path("index").intValue()).isZero();
        assertThat(choice.path("finish_reason").stringValue()).isEqualTo("stop");
        assertThat(choice.path("message").path("role").stringValue()).isEqualTo("assistant");
        String content = choice.path("message").path("content").stringValue();
        assertThat(content).startsWith("## Your week in review\n\n");
        assertThat(content.lines().filter(line -> line.startsWith("- ")).toList())
                .containsExactlyElementsOf(FIGURE_LINES);
        JsonNode usage = answer.path("usage");
        assertThat(usage.path("prompt_tokens").intValue()).isPositive();
        assertThat(usage.path("completion_tokens").intValue()).isPositive();
        assertThat(usage.path("total_tokens").intValue())
                .isEqualTo(usage.path("prompt_tokens").intValue()
                        + usage.path("completion_tokens").intValue());
    }

    @Test
    void aStreamedAnswerComesInChunksThatAddUpToTheAnswerThenDone() {
        String whole = content(complete(request(prompt(FACTS), false))
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody());

        byte[] body = complete(request(prompt(FACTS), true))
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();

        List<String> events = Arrays.stream(new String(body, StandardCharsets.UTF_8).split("\n\n"))
                .toList();
        assertThat(events).allSatisfy(event -> assertThat(event).startsWith("data: "));
        assertThat(events.get(events.size() - 1)).isEqualTo("data: [DONE]");
        List<JsonNode> chunks = events.subList(0, events.size() - 1).stream()
                .map(event -> JSON.readTree(event.substring("data: ".length())))
                .toList();
        assertThat(chunks).hasSizeGreaterThan(10);
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.path("object").stringValue()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.path("id").stringValue())
                    .isEqualTo(chunks.get(0).path("id").stringValue())
                    .startsWith("chatcmpl-");
            assertThat(chunk.path("model").stringValue()).isEqualTo("gpt-4o-mini");
            assertThat(chunk.path("choices").get(0).path("index").intValue()).isZero();
        });
        StringBuilder streamed = new StringBuilder();
        for (JsonNode chunk : chunks.subList(0, chunks.size() - 1)) {
            assertThat(chunk.path("choices").get(0).path("finish_reason").isNull())
                    .isTrue();
            streamed.append(
                    chunk.path("choices").get(0).path("delta").path("content").stringValue());
        }
        JsonNode last = chunks.get(chunks.size() - 1).path("choices").get(0);
        assertThat(last.path("finish_reason").stringValue()).isEqualTo("stop");
        assertThat(last.path("delta").path("content").isMissingNode()).isTrue();
        assertThat(streamed.toString()).isEqualTo(whole);
    }

    @Test
    void wrongNumbersChangesOneFigureForTheNextAnswersThenNormalAgain() {
        control()
                .put()
                .uri("/openai/mode")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("mode", "WRONG_NUMBERS", "count", 1))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.mode")
                .isEqualTo("WRONG_NUMBERS")
                .jsonPath("$.remaining")
                .isEqualTo(1);

        String wrong = content(complete(request(prompt(FACTS), false))
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody());
        List<String> wrongLines =
                wrong.lines().filter(line -> line.startsWith("- ")).toList();
        assertThat(wrongLines).contains("- Deposits: 2, totalling $1235.50").doesNotContain(FIGURE_LINES.get(0));
        List<String> others = new ArrayList<>(FIGURE_LINES.subList(1, FIGURE_LINES.size()));
        assertThat(wrongLines.subList(1, wrongLines.size())).containsExactlyElementsOf(others);

        control()
                .get()
                .uri("/openai/mode")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.mode")
                .isEqualTo("NORMAL")
                .jsonPath("$.remaining")
                .isEmpty();
        String normal = content(complete(request(prompt(FACTS), false))
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody());
        assertThat(normal).contains(FIGURE_LINES.get(0));
    }

    @Test
    void noFiguresAnswersWithoutADigitUntilTheModeIsReset() {
        control()
                .put()
                .uri("/openai/mode")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("mode", "NO_FIGURES"))
                .exchange()
                .expectStatus()
                .isOk();

        for (int i = 0; i < 2; i++) {
            String content = content(complete(request(prompt(FACTS), false))
                    .expectStatus()
                    .isOk()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody());
            assertThat(content).startsWith("## ").doesNotContainPattern("[0-9]");
        }
        control().delete().uri("/openai/mode").exchange().expectStatus().isNoContent();
        assertThat(content(complete(request(prompt(FACTS), false))
                        .expectStatus()
                        .isOk()
                        .expectBody(JsonNode.class)
                        .returnResult()
                        .getResponseBody()))
                .contains(FIGURE_LINES.get(0));
    }

    @Test
    void aPromptWithoutAJsonBlockIsABadRequest() {
        complete(request("Summarise my week, please.", false))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.type")
                .isEqualTo("invalid_request_error")
                .jsonPath("$.error.param")
                .isEqualTo("messages")
                .jsonPath("$.error.message")
                .value(message -> assertThat((String) message).contains("```json"));
        complete(request(prompt("{not json"), false))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.type")
                .isEqualTo("invalid_request_error");
        complete(Map.of("messages", List.of(Map.of("role", "user", "content", prompt(FACTS)))))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.param")
                .isEqualTo("model");
    }

    @Test
    void aWrongOrMissingKeyIsUnauthorizedInOpenAisFormat() {
        client(baseUrl() + "/openai")
                .defaultHeader("Authorization", "Bearer sk-wrong")
                .build()
                .post()
                .uri("/v1/chat/completions")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(request(prompt(FACTS), false))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.error.type")
                .isEqualTo("invalid_request_error")
                .jsonPath("$.error.code")
                .isEqualTo("invalid_api_key")
                .jsonPath("$.error.message")
                .value(message -> assertThat((String) message).startsWith("Incorrect API key"));
        anonymous()
                .post()
                .uri("/openai/v1/chat/completions")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(request(prompt(FACTS), false))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.error.message")
                .value(message -> assertThat((String) message).startsWith("You didn't provide"));
        control()
                .get()
                .uri("/openai/requests")
                .exchange()
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(0);
    }

    @Test
    void a503FaultAnswersInOpenAisFormatThenTheModelAnswersAgain() {
        String faultId = control()
                .post()
                .uri("/faults")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "partner",
                        "openai",
                        "method",
                        "POST",
                        "pathPattern",
                        "/v1/chat/completions",
                        "status",
                        503,
                        "count",
                        1))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString();

        complete(request(prompt(FACTS), false))
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .valueEquals("X-Sandbox-Fault", faultId)
                .expectBody()
                .jsonPath("$.error.type")
                .isEqualTo("server_error")
                .jsonPath("$.error.message")
                .isNotEmpty();
        complete(request(prompt(FACTS), false))
                .expectStatus()
                .isOk()
                .expectHeader()
                .doesNotExist("X-Sandbox-Fault");
        // the faulted request never reached the model
        control()
                .get()
                .uri("/openai/requests")
                .exchange()
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(1);
    }

    @Test
    void everyRequestReceivedIsRecordedAsSent() {
        complete(Map.of(
                        "model",
                        "gpt-4o-mini",
                        "stream",
                        false,
                        "temperature",
                        0.2,
                        "max_tokens",
                        800,
                        "messages",
                        List.of(
                                Map.of("role", "system", "content", "You are a CFO."),
                                Map.of(
                                        "role",
                                        "user",
                                        "content",
                                        List.of(Map.of("type", "text", "text", prompt(FACTS)))))))
                .expectStatus()
                .isOk();
        complete(request("no facts here", true)).expectStatus().isBadRequest();

        control()
                .get()
                .uri("/openai/requests")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(2)
                .jsonPath("$.requests[0].model")
                .isEqualTo("gpt-4o-mini")
                .jsonPath("$.requests[0].stream")
                .isEqualTo(false)
                .jsonPath("$.requests[0].messages[0].role")
                .isEqualTo("system")
                .jsonPath("$.requests[0].messages[0].content")
                .isEqualTo("You are a CFO.")
                .jsonPath("$.requests[0].messages[1].role")
                .isEqualTo("user")
                .jsonPath("$.requests[0].messages[1].content")
                .isEqualTo(prompt(FACTS))
                .jsonPath("$.requests[1].stream")
                .isEqualTo(true)
                .jsonPath("$.requests[1].messages[1].content")
                .isEqualTo("no facts here");

        control().delete().uri("/openai/requests").exchange().expectStatus().isNoContent();
        control()
                .get()
                .uri("/openai/requests")
                .exchange()
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(0)
                .jsonPath("$.requests.length()")
                .isEqualTo(0);
    }

    @Test
    void anUnknownModeOrCountIsRefused() {
        control()
                .put()
                .uri("/openai/mode")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("mode", "FUNNY"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("mode");
        control()
                .put()
                .uri("/openai/mode")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("mode", "NO_FIGURES", "count", 0))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("count");
        control()
                .get()
                .uri("/openai/mode")
                .exchange()
                .expectBody()
                .jsonPath("$.mode")
                .isEqualTo("NORMAL");
    }

    private WebTestClient openai() {
        return client(baseUrl() + "/openai")
                .defaultHeader("Authorization", "Bearer " + API_KEY)
                .build();
    }

    private WebTestClient.ResponseSpec complete(Map<String, Object> request) {
        return openai().post()
                .uri("/v1/chat/completions")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(request)
                .exchange();
    }

    private static Map<String, Object> request(String userContent, boolean stream) {
        return Map.of(
                "model",
                "gpt-4o-mini",
                "stream",
                stream,
                "temperature",
                0,
                "messages",
                List.of(
                        Map.of("role", "system", "content", "Write the user's summary from the facts only."),
                        Map.of("role", "user", "content", userContent)));
    }

    private static String prompt(String facts) {
        return "Here are this week's facts:\n\n```json\n" + facts + "```\n\nWrite the summary.";
    }

    private static String content(JsonNode answer) {
        return answer.path("choices").get(0).path("message").path("content").stringValue();
    }
}
