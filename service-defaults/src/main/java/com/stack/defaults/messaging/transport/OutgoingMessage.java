package com.stack.defaults.messaging.transport;

import java.util.Map;

/** A record to publish; {@code correlation} comes back with its outcome (the outbox row id, for example). */
@SuppressWarnings("ArrayRecordComponent") // carries bytes; never compared or hashed
public record OutgoingMessage(String topic, String key, byte[] value, Map<String, String> headers, long correlation) {}
