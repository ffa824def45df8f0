package com.stack.sandbox.faults.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FaultsProperties.class)
public class FaultsConfiguration {}
