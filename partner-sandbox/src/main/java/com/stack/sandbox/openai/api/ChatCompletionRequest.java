package com.stack.sandbox.openai.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.stack.sandbox.openai.domain.ChatMessage;
import com.stack.sandbox.openai.domain.OpenAiException;

/**
 * The body of {@code POST /openai/v1/chat/completions}, the fields the sandbox reads (others are ignored).
 *
 * @param messages  each {@code {"role", "content"}}; content a string or an array of content parts
 *                  ({@code [{"type": "text", "text": "..."}]})
 * @param maxTokens checked as OpenAI checks it, otherwise unused: the answer is never cut short
 */
public record ChatCompletionRequest(
        String model,
        List<Message> messages,
        Boolean stream,
        Double temperature,
        @JsonProperty("max_tokens") Integer maxTokens) {

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");

    /** @param content a string, an array of content parts, or null (an assistant's tool call) */
    public record Message(String role, Object content) {}

    public boolean streamed() {
        return Boolean.TRUE.equals(stream);
    }

    /**
     * The messages with their text, after OpenAI's checks of the request's shape.
     *
     * @throws OpenAiException 400 naming the field at fault
     */
    public List<ChatMessage> checkedMessages() {
        if (model == null || model.isBlank()) {
            throw OpenAiException.invalid("model", "you must provide a model parameter");
        }
        if (messages == null || messages.isEmpty()) {
            throw OpenAiException.invalid("messages", "'messages' must contain at least one message.");
        }
        if (temperature != null && (temperature < 0 || temperature > 2)) {
            throw OpenAiException.invalid("temperature", "Invalid 'temperature': must be between 0 and 2.");
        }
        if (maxTokens != null && maxTokens < 1) {
            throw OpenAiException.invalid(
                    "max_tokens",
                    "Invalid 'max_tokens': integer below minimum value. Expected a " + "value >= 1, but got "
                            + maxTokens + " instead.");
        }
        List<ChatMessage> checked = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            String param = "messages[" + i + "]";
            if (message == null || message.role() == null || !ROLES.contains(message.role())) {
                throw OpenAiException.invalid(
                        param + ".role",
                        "Invalid value for 'role': must be one of "
                                + ROLES.stream().sorted().toList() + ".");
            }
            checked.add(new ChatMessage(message.role(), text(message.content(), param + ".content")));
        }
        return checked;
    }

    private static String text(Object content, String param) {
        if (content == null || content instanceof String) {
            return (String) content;
        }
        if (content instanceof List<?> parts) {
            StringBuilder text = new StringBuilder();
            for (Object part : parts) {
                if (!(part instanceof Map<?, ?> map) || !(map.get("type") instanceof String type)) {
                    throw OpenAiException.invalid(param, "Invalid content part: each must be an object with a 'type'.");
                }
                if ("text".equals(type) && map.get("text") instanceof String partText) {
                    text.append(text.isEmpty() ? "" : "\n").append(partText);
                }
            }
            return text.toString();
        }
        throw OpenAiException.invalid(
                param, "Invalid type for '" + param + "': expected a string or an array of content parts.");
    }
}
