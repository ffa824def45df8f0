package com.stack.sandbox.openai.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.stack.sandbox.openai.app.ChatCompletions;
import com.stack.sandbox.openai.app.ChatCompletions.Completion;
import com.stack.sandbox.openai.domain.OpenAiError;
import com.stack.sandbox.openai.domain.OpenAiException;
import com.stack.sandbox.openai.domain.SummaryMarkdown;
import com.stack.sandbox.partners.JsonResponses;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenAI's chat completions API ({@code https://api.openai.com/v1/chat/completions}) below {@value #BASE_PATH}, so
 * that an OpenAI-compatible client is configured with the base URL {@code http://127.0.0.1:8090/openai/v1}. The
 * bearer key is checked before (see {@code OpenAiSandboxConfiguration}). A streamed answer is written frame by frame,
 * each flushed at once, in OpenAI's server-sent events: {@code data: {chunk}}, then {@code data: [DONE]}.
 */
@RestController
@RequestMapping(path = ChatCompletionsController.BASE_PATH)
public class ChatCompletionsController {

    public static final String BASE_PATH = "/openai";

    private final ChatCompletions completions;
    private final JsonResponses responses;
    private final JsonMapper json;

    public ChatCompletionsController(ChatCompletions completions, JsonResponses responses, JsonMapper json) {
        this.completions = completions;
        this.responses = responses;
        this.json = json;
    }

    public record Usage(
            @JsonProperty("prompt_tokens") int promptTokens,
            @JsonProperty("completion_tokens") int completionTokens,
            @JsonProperty("total_tokens") int totalTokens) {}

    public record AssistantMessage(String role, String content) {}

    public record Choice(
            int index,
            AssistantMessage message,
            @JsonProperty("finish_reason") String finishReason) {}

    public record ChatCompletion(
            String id, String object, long created, String model, List<Choice> choices, Usage usage) {}

    public record ChunkChoice(
            int index,
            Map<String, String> delta,
            @JsonProperty("finish_reason") String finishReason) {}

    public record ChatCompletionChunk(
            String id, String object, long created, String model, List<ChunkChoice> choices) {}

    @PostMapping(path = "/v1/chat/completions", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Void> complete(@RequestBody ChatCompletionRequest request, ServerWebExchange exchange) {
        Completion completion = completions.complete(request.model(), request.streamed(), request.checkedMessages());
        return request.streamed()
                ? stream(completion, exchange.getResponse())
                : responses.write(exchange, HttpStatus.OK, whole(completion));
    }

    private static ChatCompletion whole(Completion completion) {
        return new ChatCompletion(
                completion.id(),
                "chat.completion",
                completion.created(),
                completion.model(),
                List.of(new Choice(0, new AssistantMessage("assistant", completion.content()), "stop")),
                new Usage(
                        completion.promptTokens(),
                        completion.completionTokens(),
                        completion.promptTokens() + completion.completionTokens()));
    }

    private Mono<Void> stream(Completion completion, ServerHttpResponse response) {
        response.getHeaders().setContentType(MediaType.TEXT_EVENT_STREAM);
        response.getHeaders().setCacheControl("no-cache");
        Flux<String> data = Flux.concat(
                Flux.fromIterable(SummaryMarkdown.pieces(completion.content()))
                        .map(piece -> json.writeValueAsString(chunk(completion, Map.of("content", piece), null))),
                Mono.fromSupplier(() -> json.writeValueAsString(chunk(completion, Map.of(), "stop"))),
                Mono.just("[DONE]"));
        return response.writeAndFlushWith(data.map(text ->
                Mono.just(response.bufferFactory().wrap(("data: " + text + "\n\n").getBytes(StandardCharsets.UTF_8)))));
    }

    private static ChatCompletionChunk chunk(Completion completion, Map<String, String> delta, String finishReason) {
        return new ChatCompletionChunk(
                completion.id(),
                "chat.completion.chunk",
                completion.created(),
                completion.model(),
                List.of(new ChunkChoice(0, delta, finishReason)));
    }

    @ExceptionHandler(OpenAiException.class)
    public ResponseEntity<OpenAiError> refused(OpenAiException e) {
        return ResponseEntity.status(e.httpStatus())
                .contentType(MediaType.APPLICATION_JSON)
                .body(e.body());
    }

    /** A body that is not JSON, or not a chat completion's shape. */
    @ExceptionHandler({ServerWebInputException.class, UnsupportedMediaTypeStatusException.class})
    public ResponseEntity<OpenAiError> unreadable(Exception e) {
        return refused(OpenAiException.unparsableBody());
    }
}
