package com.stack.sandbox.openai.app;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.stack.sandbox.openai.domain.ChatMessage;
import com.stack.sandbox.openai.domain.ChatRequest;
import com.stack.sandbox.openai.domain.FactsBlock;
import com.stack.sandbox.openai.domain.OpenAiException;
import com.stack.sandbox.openai.domain.PromptFacts;
import com.stack.sandbox.openai.domain.SummaryMarkdown;
import com.stack.sandbox.partners.SandboxIds;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenAI's chat completions, answered from the facts the prompt carries: the user message's fenced JSON block is
 * read as a generic JSON tree and written up as markdown in the current {@link AnswerModes mode}. Every request that
 * reaches it is kept, oldest first, for the control API. Everything lives in memory; CPU only, safe on an event loop.
 */
public class ChatCompletions {

    /** Decimals as written: {@code 1234.50} must stay {@code 1234.50}, not become the double {@code 1234.5}. */
    private static final JsonMapper FACTS_JSON = JsonMapper.builder()
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private final List<ChatRequest> received = new CopyOnWriteArrayList<>();
    private final AnswerModes modes;
    private final Clock clock;

    public ChatCompletions(AnswerModes modes, Clock clock) {
        this.modes = modes;
        this.clock = clock;
    }

    /**
     * @param id      {@code chatcmpl-...}
     * @param created epoch seconds
     */
    public record Completion(
            String id, long created, String model, String content, int promptTokens, int completionTokens) {}

    /**
     * Records the request, then answers it.
     *
     * @throws OpenAiException 400 when no user message carries a fenced JSON object
     */
    public Completion complete(String model, boolean stream, List<ChatMessage> messages) {
        ChatRequest request = new ChatRequest(model, stream, messages, clock.instant());
        received.add(request);
        String block = FactsBlock.in(request.userTextsLatestFirst())
                .orElseThrow(
                        () -> OpenAiException.invalid(
                                "messages",
                                "No facts found: a user message must contain a fenced JSON block (```json ... ```) with the facts."));
        JsonNode facts;
        try {
            facts = FACTS_JSON.readTree(block);
        } catch (JacksonException e) {
            throw OpenAiException.invalid(
                    "messages", "The fenced JSON block is not valid JSON: " + e.getOriginalMessage());
        }
        if (facts == null || !facts.isObject()) {
            throw OpenAiException.invalid("messages", "The fenced JSON block must hold a JSON object of facts.");
        }
        String content = SummaryMarkdown.write(PromptFacts.read(facts), modes.claim());
        return new Completion(
                SandboxIds.prefixed("chatcmpl-"),
                clock.instant().getEpochSecond(),
                model,
                content,
                messages.stream().mapToInt(message -> tokens(message.content())).sum(),
                tokens(content));
    }

    /** Every request received, oldest first. */
    public List<ChatRequest> received() {
        return List.copyOf(received);
    }

    public void forget() {
        received.clear();
    }

    /** OpenAI's rule of thumb: about four characters of English per token. */
    static int tokens(String text) {
        return text == null || text.isEmpty() ? 0 : Math.max(1, (text.length() + 3) / 4);
    }
}
