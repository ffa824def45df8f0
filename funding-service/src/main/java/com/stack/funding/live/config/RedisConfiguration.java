package com.stack.funding.live.config;

import com.stack.defaults.live.LiveUpdates;
import com.stack.funding.deposit.domain.Deposit;
import com.stack.funding.live.adapters.redis.FundingLiveUpdates;
import com.stack.funding.withdrawal.domain.Withdrawal;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Redis (Lettuce) for live updates, the deposits' and the withdrawals' ({@link FundingLiveUpdates}); service
 * defaults open its connection at startup.
 */
@Configuration(proxyBeanMethods = false)
class RedisConfiguration {

    @Bean
    LiveUpdates<Deposit> depositUpdates(ReactiveStringRedisTemplate redis) {
        return FundingLiveUpdates.deposits(redis);
    }

    @Bean
    LiveUpdates<Withdrawal> withdrawalUpdates(ReactiveStringRedisTemplate redis) {
        return FundingLiveUpdates.withdrawals(redis);
    }
}
