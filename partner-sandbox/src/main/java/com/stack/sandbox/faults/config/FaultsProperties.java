package com.stack.sandbox.faults.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param timeoutHold how long a "timeout" fault holds a connection before it answers 504 at last;
 *                    long enough that any sensible client gave up first
 */
@ConfigurationProperties("stack.sandbox.faults")
public record FaultsProperties(@DefaultValue("60s") Duration timeoutHold) {}
