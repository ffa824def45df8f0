package com.stack.sandbox.faults.domain;

import java.time.Duration;

/**
 * What happens to one request a fault hit: first the latency, then either a held connection
 * ({@code timeout}), an error answer ({@code status}) or, with neither, the partner's normal answer.
 *
 * @param faultId the fault that hit, for the {@code X-Sandbox-Fault} response header
 * @param status  answer with this status in the partner's error format; {@code null} for none
 */
public record RequestFault(String faultId, Integer status, Duration latency, boolean timeout) {}
