package com.stack.aicfo.facts.config;

import com.stack.aicfo.facts.app.FactsFromEvents;
import com.stack.contracts.events.v1.BuyingPowerChanged;
import com.stack.contracts.events.v1.DepositStatusChanged;
import com.stack.contracts.events.v1.OrderStatusChanged;
import com.stack.contracts.events.v1.ProfileUpdated;
import com.stack.contracts.events.v1.UserRegistered;
import com.stack.contracts.events.v1.WithdrawalStatusChanged;
import com.stack.defaults.messaging.EventSubscription;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** aicfo's events in: its read model of the facts ({@link FactsFromEvents}). */
@Configuration(proxyBeanMethods = false)
class EventSubscriptions {

    @Bean
    EventSubscription<DepositStatusChanged> depositStatusChanged(FactsFromEvents facts) {
        return EventSubscription.on(DepositStatusChanged.class, facts::depositChanged);
    }

    @Bean
    EventSubscription<WithdrawalStatusChanged> withdrawalStatusChanged(FactsFromEvents facts) {
        return EventSubscription.on(WithdrawalStatusChanged.class, facts::withdrawalChanged);
    }

    @Bean
    EventSubscription<OrderStatusChanged> orderStatusChanged(FactsFromEvents facts) {
        return EventSubscription.on(OrderStatusChanged.class, facts::orderChanged);
    }

    @Bean
    EventSubscription<BuyingPowerChanged> buyingPowerChanged(FactsFromEvents facts) {
        return EventSubscription.on(BuyingPowerChanged.class, facts::buyingPowerChanged);
    }

    @Bean
    EventSubscription<UserRegistered> userRegistered(FactsFromEvents facts) {
        return EventSubscription.on(UserRegistered.class, facts::userRegistered);
    }

    @Bean
    EventSubscription<ProfileUpdated> profileUpdated(FactsFromEvents facts) {
        return EventSubscription.on(ProfileUpdated.class, facts::profileUpdated);
    }
}
