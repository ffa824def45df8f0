package com.stack.sandbox.openai.domain;

/**
 * OpenAI's error body: {@code {"error": {"message": "...", "type": "invalid_request_error", "param": null, "code":
 * "invalid_api_key"}}}. {@code param} and {@code code} are written as {@code null} when absent, as OpenAI does.
 */
public record OpenAiError(Detail error) {

    public record Detail(String message, String type, String param, String code) {}

    public static OpenAiError of(String message, String type, String param, String code) {
        return new OpenAiError(new Detail(message, type, param, code));
    }
}
