package com.stack.sandbox.google.app;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.stack.sandbox.google.domain.FcmException;
import com.stack.sandbox.google.domain.ReceivedMessage;
import com.stack.sandbox.partners.SandboxIds;

/**
 * FCM HTTP v1's {@code messages:send} for token targets, as far as STACK uses it: checks the message's shape as
 * FCM does (a token, a notification of strings, data of string values without reserved keys), answers with the
 * message's name and keeps it for the control API. A device token the control API marked unregistered (the app
 * was uninstalled) is refused with FCM's 404 {@code UNREGISTERED}. Everything lives in memory.
 */
public class FcmMessages {

    static final int MAX_TOKEN = 4096;
    static final int MAX_PAYLOAD_BYTES = 4096;
    private static final Set<String> MESSAGE_FIELDS =
            Set.of("name", "token", "notification", "data", "android", "apns", "webpush", "fcm_options", "fcmOptions");
    private static final Set<String> RESERVED_DATA_KEYS = Set.of("from", "notification", "message_type");

    private final List<ReceivedMessage> received = new CopyOnWriteArrayList<>();
    private final Set<String> unregistered = ConcurrentHashMap.newKeySet();
    private final String projectId;
    private final Clock clock;

    public FcmMessages(String projectId, Clock clock) {
        this.projectId = projectId;
        this.clock = clock;
    }

    /**
     * Sends {@code request} ({@code {"message": {...}, "validate_only": false}}) to project {@code project}.
     *
     * @return the message's name
     * @throws FcmException 403 for another project, 400 INVALID_ARGUMENT for a malformed message, 404 UNREGISTERED
     *                      for a token marked unregistered
     */
    public String send(String project, Map<String, Object> request) {
        if (!projectId.equals(project)) {
            throw FcmException.permissionDenied(project);
        }
        if (request == null || !(request.get("message") instanceof Map<?, ?> message)) {
            throw FcmException.invalidArgument("Request contains an invalid argument: 'message' is required.");
        }
        for (Object field : message.keySet()) {
            if (!MESSAGE_FIELDS.contains(String.valueOf(field))) {
                throw FcmException.invalidArgument("Invalid JSON payload received. Unknown name \"" + field
                        + "\" at 'message': Cannot find field.");
            }
        }
        if (!(message.get("token") instanceof String token) || token.isBlank() || token.length() > MAX_TOKEN) {
            throw FcmException.invalidArgument("The registration token is not a valid FCM registration token");
        }
        Map<String, String> notification = strings(message.get("notification"), "notification");
        for (String key : notification.keySet()) {
            if (!Set.of("title", "body", "image").contains(key)) {
                throw FcmException.invalidArgument("Invalid JSON payload received. Unknown name \"" + key
                        + "\" at 'message.notification': Cannot find field.");
            }
        }
        Map<String, String> data = strings(message.get("data"), "data");
        for (String key : data.keySet()) {
            if (RESERVED_DATA_KEYS.contains(key) || key.startsWith("google") || key.startsWith("gcm")) {
                throw FcmException.invalidArgument("Invalid data payload key: " + key);
            }
        }
        int size = data.entrySet().stream()
                        .mapToInt(e -> e.getKey().length() + e.getValue().length())
                        .sum()
                + notification.values().stream().mapToInt(String::length).sum();
        if (size > MAX_PAYLOAD_BYTES) {
            throw FcmException.invalidArgument("Message is too big");
        }
        if (unregistered.contains(token)) {
            throw FcmException.unregistered();
        }
        String name = "projects/" + projectId + "/messages/"
                + SandboxIds.uuid().toString().replace("-", "");
        if (!Boolean.TRUE.equals(request.get("validate_only")) && !Boolean.TRUE.equals(request.get("validateOnly"))) {
            received.add(new ReceivedMessage(name, token, notification, data, clock.instant()));
        }
        return name;
    }

    /** The app on the device was uninstalled: the next sends to the token answer 404 UNREGISTERED. */
    public void unregister(String token) {
        unregistered.add(token);
    }

    /** The token is valid again; false when it was not marked. */
    public boolean reregister(String token) {
        return unregistered.remove(token);
    }

    public Set<String> unregistered() {
        return Set.copyOf(unregistered);
    }

    /** Every message accepted (to {@code token} only, when given), oldest first. */
    public List<ReceivedMessage> received(String token) {
        return received.stream()
                .filter(message -> token == null || message.token().equals(token))
                .toList();
    }

    /** A JSON object of string values, as FCM's map fields are; empty when absent. */
    private static Map<String, String> strings(Object value, String field) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw FcmException.invalidArgument("Invalid value at 'message." + field + "': expected an object.");
        }
        Map<String, String> strings = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getValue() instanceof String text)) {
                throw FcmException.invalidArgument("Invalid value at 'message." + field + "[" + entry.getKey()
                        + "].value' (TYPE_STRING), " + entry.getValue());
            }
            strings.put(String.valueOf(entry.getKey()), text);
        }
        return strings;
    }
}
