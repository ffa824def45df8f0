package com.stack.contracts.events.v1;

import java.util.UUID;

import com.stack.contracts.events.EventPayload;

/** Ask for a notification to the user (any domain; onboarding keeps the notification inbox). */
public record NotificationRequested(UUID userId, String kind, String title, String body) implements EventPayload {}
