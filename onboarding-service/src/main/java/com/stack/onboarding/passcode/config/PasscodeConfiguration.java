package com.stack.onboarding.passcode.config;

import java.time.Clock;

import com.stack.onboarding.passcode.app.PasscodeChanges;
import com.stack.onboarding.passcode.app.PasscodeHashing;
import com.stack.onboarding.passcode.app.Passcodes;
import com.stack.onboarding.passcode.domain.PasscodeChangeLimit;
import com.stack.onboarding.shared.domain.PasscodeLockout;
import com.stack.onboarding.user.app.Users;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.reactive.TransactionalOperator;

/** Wires passcode setting and verification from {@code stack.passcode.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PasscodeProperties.class)
public class PasscodeConfiguration {

    @Bean(destroyMethod = "close")
    PasscodeHashing passcodeHashing(PasscodeProperties properties, ObjectProvider<MeterRegistry> meters) {
        return new PasscodeHashing(properties.hashing(), meters.getIfAvailable());
    }

    @Bean
    Passcodes.Settings passcodeSettings(PasscodeProperties properties) {
        return new Passcodes.Settings(
                new PasscodeLockout.Rules(
                        properties.maxFailedAttempts(), properties.lockoutDurations(), properties.maxLockouts()),
                new PasscodeChangeLimit(properties.maxChanges(), properties.changeWindow()),
                properties.reauthenticationMaxAge());
    }

    @Bean
    Passcodes passcodes(
            Users users,
            PasscodeChanges changes,
            TransactionalOperator transactions,
            PasscodeHashing hashing,
            Passcodes.Settings settings) {
        return new Passcodes(users, changes, transactions, hashing, settings, Clock.systemUTC());
    }
}
