package com.stack.wallet.wallet.config;

import com.stack.contracts.events.v1.KycStatusChanged;
import com.stack.contracts.events.v1.UserRegistered;
import com.stack.defaults.messaging.EventSubscription;
import com.stack.wallet.user.app.UserRegistrations;
import com.stack.wallet.wallet.app.KycApprovals;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The events wallet-service consumes. */
@Configuration(proxyBeanMethods = false)
class EventSubscriptions {

    @Bean
    EventSubscription<UserRegistered> userRegistered(UserRegistrations registrations) {
        return EventSubscription.on(UserRegistered.class, registrations);
    }

    @Bean
    EventSubscription<KycStatusChanged> kycStatusChanged(KycApprovals approvals) {
        return EventSubscription.on(KycStatusChanged.class, approvals);
    }
}
