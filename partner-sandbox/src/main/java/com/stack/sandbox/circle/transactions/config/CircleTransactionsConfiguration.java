package com.stack.sandbox.circle.transactions.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CircleTransactionProperties.class)
public class CircleTransactionsConfiguration {}
