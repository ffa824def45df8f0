package com.stack.funding.config;

import com.stack.funding.adapters.redis.RedisLiveUpdates;
import com.stack.funding.app.LiveUpdates;
import com.stack.funding.domain.Deposit;
import com.stack.funding.domain.Withdrawal;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Redis (Lettuce) for live updates, the deposits' and the withdrawals' ({@link RedisLiveUpdates}). The shared
 * native connection is opened at startup: opened lazily, the first publish would wait for the TCP connect and
 * handshake on an event loop.
 */
@Configuration(proxyBeanMethods = false)
class RedisConfiguration {

    @Bean
    LiveUpdates<Deposit> depositUpdates(ReactiveStringRedisTemplate redis) {
        return RedisLiveUpdates.deposits(redis);
    }

    @Bean
    LiveUpdates<Withdrawal> withdrawalUpdates(ReactiveStringRedisTemplate redis) {
        return RedisLiveUpdates.withdrawals(redis);
    }

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
