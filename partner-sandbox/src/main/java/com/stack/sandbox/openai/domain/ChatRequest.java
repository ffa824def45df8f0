package com.stack.sandbox.openai.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A chat completion request as received (after its shape was checked), kept for the control API so that a test
 * can see exactly what left the calling service.
 */
public record ChatRequest(String model, boolean stream, List<ChatMessage> messages, Instant receivedAt) {

    public ChatRequest {
        messages = List.copyOf(messages);
    }

    /** The user messages' texts, the latest first: where the facts block is looked for. */
    public List<String> userTextsLatestFirst() {
        List<String> texts = new ArrayList<>();
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).role())) {
                texts.add(messages.get(i).content());
            }
        }
        return texts;
    }
}
