package com.stack.defaults.messaging.transport;

import java.util.Map;

/**
 * A received record. {@link #acknowledge()} marks it done: its offset is committed with the next
 * commit; an unacknowledged record is delivered again after a restart or rebalance.
 */
public interface IncomingMessage {

    String topic();

    int partition();

    long offset();

    String key();

    byte[] value();

    /** The record's headers, last value per name, as UTF-8 strings. */
    Map<String, String> headers();

    void acknowledge();
}
