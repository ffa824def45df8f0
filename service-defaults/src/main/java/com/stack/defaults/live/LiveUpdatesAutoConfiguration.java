package com.stack.defaults.live;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Redis (Lettuce) for the services that put it on their classpath (for {@link RedisLiveUpdates}); nothing for the
 * others. The shared native connection is opened at startup: opened lazily, the first publish would wait for the
 * TCP connect and handshake on an event loop.
 */
@AutoConfiguration
@ConditionalOnClass({LettuceConnectionFactory.class, ReactiveStringRedisTemplate.class})
public class LiveUpdatesAutoConfiguration {

    @Bean
    static BeanPostProcessor eagerRedisConnection() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof LettuceConnectionFactory factory) {
                    factory.setEagerInitialization(true);
                }
                return bean;
            }
        };
    }
}
