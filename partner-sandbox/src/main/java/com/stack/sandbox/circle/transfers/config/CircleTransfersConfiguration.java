package com.stack.sandbox.circle.transfers.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CircleTransferProperties.class, CircleBusinessAccountProperties.class})
public class CircleTransfersConfiguration {}
