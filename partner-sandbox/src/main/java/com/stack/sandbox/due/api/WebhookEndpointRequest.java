package com.stack.sandbox.due.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

import com.stack.sandbox.due.app.WebhookEndpoints;
import com.stack.sandbox.due.domain.DueException;

/** The body of {@code POST /v1/webhook_endpoints}: {@code {"url", "events": ["transfer.status_changed"]}}, events optional. */
public record WebhookEndpointRequest(String url, List<String> events) {

    static final int MAX_URL_LENGTH = 2048;

    public URI validatedUrl() {
        if (url == null || url.isBlank()) {
            throw DueException.invalid("url", "url is required");
        }
        try {
            URI uri = new URI(url.strip());
            if (url.length() <= MAX_URL_LENGTH
                    && uri.isAbsolute()
                    && uri.getHost() != null
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // answered below, as any other invalid url
        }
        throw DueException.invalid("url", "url must be an absolute http(s) URL");
    }

    /** The events asked for; every event the sandbox sends when none are given. */
    public List<String> validatedEvents() {
        if (events == null) {
            return WebhookEndpoints.EVENTS;
        }
        if (events.isEmpty()
                || !events.stream().allMatch(event -> event != null && WebhookEndpoints.EVENTS.contains(event))) {
            throw DueException.invalid("events", "events must name some of " + WebhookEndpoints.EVENTS);
        }
        return events.stream().distinct().toList();
    }
}
