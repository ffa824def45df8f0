package com.stack.sandbox.openai.domain;

/**
 * One message of a chat completion request.
 *
 * @param role    system, developer, user, assistant or tool
 * @param content its text (the text parts joined, when the caller sent an array of content parts)
 */
public record ChatMessage(String role, String content) {}
