package com.stack.contracts.events;

import java.util.UUID;

/** The data of an event. Its user id is the envelope's subject and the record's partition key. */
public interface EventPayload {

    UUID userId();
}
