package com.stack.sandbox.kyc.domain;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One attempt to deliver a callback, as the control API lists it.
 *
 * @param attempt 1 for the first try of this delivery, counting retries
 * @param status  the receiver's HTTP status; {@code null} when there was no answer
 * @param error   why there was no answer (refused connection, timeout); {@code null} when there was one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryAttempt(String eventId, int attempt, Integer status, String error, Instant at) {}
