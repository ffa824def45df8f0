package com.stack.sandbox.due.domain;

import java.time.Instant;
import java.util.List;

/**
 * A webhook endpoint as Due shows it, with the PEM of the Ed25519 public key its webhooks are signed with.
 *
 * @param id {@code we_...}
 */
public record WebhookEndpoint(String id, String url, List<String> events, String publicKey, Instant createdAt) {

    public WebhookEndpoint {
        events = List.copyOf(events);
    }
}
