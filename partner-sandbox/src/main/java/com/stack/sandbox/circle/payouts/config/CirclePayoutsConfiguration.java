package com.stack.sandbox.circle.payouts.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CirclePayoutProperties.class)
public class CirclePayoutsConfiguration {}
