package com.stack.sandbox.kyc.domain;

import java.net.URI;

/**
 * One decision callback exactly as it goes on the wire: the body bytes and the signature header are
 * fixed when the decision is made, so retries and redeliveries send the same bytes with the same
 * signature (and the same {@code t}: a redelivery after the receiver's replay window is refused,
 * as it should be).
 */
@SuppressWarnings("ArrayRecordComponent") // carries bytes; never compared or hashed
public record Callback(String eventId, String applicantId, URI url, byte[] body, String signature) {}
