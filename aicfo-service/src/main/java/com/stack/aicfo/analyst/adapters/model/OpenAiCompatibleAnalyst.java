package com.stack.aicfo.analyst.adapters.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.stack.aicfo.analyst.app.ports.Analyst;
import com.stack.aicfo.facts.domain.SummaryFacts;
import com.stack.defaults.partners.PartnerCalls;
import com.stack.defaults.resilience.PartnerErrors;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI-compatible chat-completions API as the {@link Analyst} ({@code POST {base-url}/chat/completions}, the API
 * 0G's compute network, OpenAI, vLLM and Ollama serve): a system prompt that says what to write and a user prompt
 * holding the facts as a fenced JSON block, answered in one body or streamed (server-sent chunks whose
 * {@code delta.content} pieces are joined up to {@code [DONE]}). Under {@link PartnerCalls}: a timeout per request,
 * retries of 5xx/429/timeouts, a circuit breaker. What it answers is not trusted: the caller checks every figure.
 *
 * <p>Only what the summary needs leaves the service: the facts without the user's id and the time they were taken
 * ({@link #factsJson}); the facts hold no name, email, address or wallet address by construction.
 */
public class OpenAiCompatibleAnalyst implements Analyst {

    public static final String NAME = "openai";

    static final String SYSTEM_PROMPT = """
            You write a short summary of one person's money for a phone screen, in markdown: a "## " heading, one or \
            two plain sentences, then a short list of the figures. Use only the figures in the JSON the user gives \
            you, written exactly as they appear there (amounts in US dollars, e.g. $1234.50; percentages with %; \
            dates as YYYY-MM-DD); never compute, round or invent a number, and leave out what the JSON does not have. \
            Describe; give no advice beyond the facts. No HTML, no links, no tables.""";

    static final String RETRY_NOTE = "\n\nYour previous answer was refused: it stated a figure that is not in the"
            + " JSON, or changed one. Use only the JSON's figures, exactly as written.";

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE =
            new ParameterizedTypeReference<>() {};
    private static final String DONE = "[DONE]";

    private final WebClient web;
    private final ModelProperties properties;
    private final PartnerCalls calls;

    public OpenAiCompatibleAnalyst(WebClient.Builder webClients, ModelProperties properties) {
        this.properties = properties;
        String base = properties.baseUrl().toString();
        this.web = webClients
                .clone()
                .baseUrl(base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.apiKey())
                .build();
        this.calls = new PartnerCalls(
                "The model API",
                "aicfo-model",
                properties.resilience(),
                ModelUnavailableException.class,
                ModelRefusedException.class,
                ModelUnavailableException::new);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Mono<String> write(SummaryFacts facts, int attempt) {
        ChatRequest request = request(facts, attempt);
        Mono<String> answer = properties.stream() ? streamed(request) : whole(request);
        return calls.call("chat completion", answer);
    }

    /** The request: the model, the system prompt, the facts as a fenced JSON block (and a note on a second try). */
    ChatRequest request(SummaryFacts facts, int attempt) {
        String user = "The facts of this summary ("
                + (facts.kind() == SummaryFacts.Kind.WEEKLY ? "one week" : "the portfolio now, and this week so far")
                + "):\n\n```json\n" + factsJson(facts)
                + "\n```" + (attempt > 1 ? RETRY_NOTE : "");
        return new ChatRequest(
                properties.model(),
                List.of(new Message("system", SYSTEM_PROMPT), new Message("user", user)),
                properties.stream(),
                properties.temperature(),
                properties.maxTokens());
    }

    /**
     * The facts as the model sees them: all of the record but the user's id and the instants they and the portfolio
     * were taken (the portfolio's day, {@code valuedOn}, stays).
     */
    static String factsJson(SummaryFacts facts) {
        ObjectNode tree = JSON.valueToTree(facts);
        tree.remove("userId");
        tree.remove("asOf");
        if (tree.get("portfolio") instanceof ObjectNode portfolio) {
            portfolio.remove("valuedAt");
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
    }

    private Mono<String> whole(ChatRequest request) {
        return web.post()
                .uri("/chat/completions")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(request)
                .retrieve()
                .onStatus(status -> !status.is2xxSuccessful(), OpenAiCompatibleAnalyst::translate)
                .bodyToMono(Completion.class)
                .flatMap(completion -> content(
                        completion.choices() == null || completion.choices().isEmpty()
                                ? null
                                : completion.choices().get(0).message() == null
                                        ? null
                                        : completion.choices().get(0).message().content()));
    }

    private Mono<String> streamed(ChatRequest request) {
        return web.post()
                .uri("/chat/completions")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .bodyValue(request)
                .retrieve()
                .onStatus(status -> !status.is2xxSuccessful(), OpenAiCompatibleAnalyst::translate)
                .bodyToFlux(SSE)
                .mapNotNull(ServerSentEvent::data)
                .map(String::strip)
                .takeWhile(data -> !DONE.equals(data))
                .filter(data -> !data.isEmpty())
                .map(OpenAiCompatibleAnalyst::piece)
                .reduce(new StringBuilder(), StringBuilder::append)
                .flatMap(text -> content(text.toString()));
    }

    /** One chunk's {@code choices[0].delta.content} ({@code ""} for a chunk without one, e.g. the role or the stop). */
    private static String piece(String chunk) {
        try {
            JsonNode content =
                    JSON.readTree(chunk).path("choices").path(0).path("delta").path("content");
            return content.isString() ? content.asString() : "";
        } catch (JacksonException e) {
            throw new ModelRefusedException("The model API streamed a chunk that is not JSON");
        }
    }

    private static Mono<String> content(String content) {
        return content == null || content.isBlank()
                ? Mono.error(new ModelRefusedException("The model API answered no content"))
                : Mono.just(content);
    }

    private static Mono<? extends Throwable> translate(ClientResponse response) {
        int status = response.statusCode().value();
        return PartnerErrors.describe(
                        response,
                        ErrorAnswer.class,
                        answer -> answer.error() == null
                                ? "no detail"
                                : answer.error().type() + ": "
                                        + PartnerErrors.abbreviated(
                                                answer.error().message()))
                .map(detail -> PartnerErrors.isTransient(status)
                        ? new ModelUnavailableException(
                                "The model API's chat completion: HTTP " + status + detail, null)
                        : new ModelRefusedException("The model API's chat completion: HTTP " + status + detail));
    }

    record ChatRequest(
            String model,
            List<Message> messages,
            boolean stream,
            double temperature,
            @JsonProperty("max_tokens") int maxTokens) {}

    record Message(String role, String content) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Completion(List<Choice> choices) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Choice(Message message) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorAnswer(ErrorDetail error) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorDetail(String message, String type, Object code) {}

    /** The model API could not answer now (a timeout, a 5xx, a 429, an open circuit): asking again may work. */
    public static final class ModelUnavailableException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public ModelUnavailableException(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    /** The model API refused the request (a 4xx) or answered nothing usable. */
    public static final class ModelRefusedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public ModelRefusedException(String message) {
            super(message, null, false, false);
        }
    }
}
