package com.stack.defaults.messaging;

import com.stack.contracts.events.EventPayload;

/** Declares (as a bean) that this service consumes events of one contract with a handler. */
public record EventSubscription<T extends EventPayload>(Class<T> payloadClass, EventHandler<T> handler) {

    public static <T extends EventPayload> EventSubscription<T> on(Class<T> payloadClass, EventHandler<T> handler) {
        return new EventSubscription<>(payloadClass, handler);
    }
}
