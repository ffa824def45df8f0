package com.stack.onboarding.notification.domain;

import java.time.Instant;
import java.util.UUID;

public record Notification(
        UUID id, UUID userId, String kind, String title, String body, Instant createdAt, boolean read) {}
