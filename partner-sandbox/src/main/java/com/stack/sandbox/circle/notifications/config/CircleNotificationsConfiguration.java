package com.stack.sandbox.circle.notifications.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CircleNotificationProperties.class)
public class CircleNotificationsConfiguration {}
