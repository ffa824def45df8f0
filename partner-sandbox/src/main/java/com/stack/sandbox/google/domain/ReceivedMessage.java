package com.stack.sandbox.google.domain;

import java.time.Instant;
import java.util.Map;

/**
 * A message FCM accepted for a device, as the control API lists it.
 *
 * @param name         {@code projects/{projectId}/messages/{id}}, as the send answered
 * @param notification the {@code title} and {@code body} shown, empty when the message had none
 */
public record ReceivedMessage(
        String name, String token, Map<String, String> notification, Map<String, String> data, Instant receivedAt) {}
