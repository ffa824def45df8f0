/** Version 1 of the event payloads ({@link com.stack.contracts.events.EventType#V1}). A breaking change goes to a v2 package and topic. */
package com.stack.contracts.events.v1;
