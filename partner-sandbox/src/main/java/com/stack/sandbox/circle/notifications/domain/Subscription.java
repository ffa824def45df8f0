package com.stack.sandbox.circle.notifications.domain;

import java.util.List;

/**
 * A webhook subscription, as Circle shows it. The sandbox sends every notification type to every
 * subscription ({@code notificationTypes: ["*"]}).
 */
public record Subscription(
        String id, String endpoint, boolean enabled, String createDate, List<String> notificationTypes) {}
