package com.stack.defaults.partners.drivewealth;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One of DriveWealth's events as an SQS queue of its event subscriptions delivers it: the envelope
 * {@code {id, type, timestamp, payload}}. {@code id} is the event's own id (the same in every delivery of one
 * event), {@code type} such as {@code deposits.updated} or {@code orders.completed}; what the payload says is the
 * reading service's. Unknown fields are ignored.
 *
 * @param payload the payload, a JSON object
 */
public record DriveWealthEvent(String id, String type, JsonNode payload) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The event in a message's body; a {@link MalformedEventException} when it is not one. */
    public static DriveWealthEvent read(String body) {
        JsonNode root = object(body);
        String id = text(root, "id");
        String type = text(root, "type");
        if (id == null
                || id.isBlank()
                || type == null
                || type.isBlank()
                || !root.path("payload").isObject()) {
            throw new MalformedEventException("id, type and payload are required");
        }
        return new DriveWealthEvent(id, type, root.path("payload"));
    }

    /** A JSON object as DriveWealth writes it; a {@link MalformedEventException} when it is not one. */
    public static JsonNode object(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.isObject()) {
                throw new MalformedEventException("not a JSON object");
            }
            return root;
        } catch (JacksonException e) {
            throw new MalformedEventException("not JSON: " + e.getOriginalMessage());
        }
    }

    /** A JSON object read into {@code type}; a {@link MalformedEventException} naming {@code what} when it does not fit. */
    public static <T> T value(JsonNode node, Class<T> type, String what) {
        try {
            return JSON.treeToValue(node, type);
        } catch (JacksonException e) {
            throw new MalformedEventException("not " + what + ": " + e.getOriginalMessage());
        }
    }

    /** A string field's value; null when it is missing or not a string. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString() : null;
    }

    /** A message or answer that is not a DriveWealth event (or not the one its reader takes). */
    public static final class MalformedEventException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public MalformedEventException(String message) {
            super(message, null, false, false);
        }
    }
}
