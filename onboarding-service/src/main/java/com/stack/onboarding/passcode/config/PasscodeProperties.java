package com.stack.onboarding.passcode.config;

import java.time.Duration;
import java.util.List;

import com.stack.onboarding.passcode.app.PasscodeHashing;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stack.passcode.*}: how many wrong passcodes may be tried, how often a passcode may be set, and how
 * much Argon2 hashing an instance takes on at once. Defaults in {@code onboarding-service.yml}.
 *
 * @param maxFailedAttempts      wrong passcodes in a row that lock verification
 * @param lockoutDurations       the k-th lockout in a row lasts the k-th of these; the last one repeats
 * @param maxLockouts            the lockout in a row that lasts until the passcode is replaced
 * @param reauthenticationMaxAge how recently a user must have signed in (the token's {@code auth_time}, else
 *                               {@code iat}) to replace a locked passcode
 * @param maxChanges             setPasscode requests let through to hashing per user within {@code changeWindow}
 * @param changeWindow           the sliding window of {@code maxChanges}
 * @param hashing                the per-instance bound on Argon2 work
 */
@ConfigurationProperties("stack.passcode")
public record PasscodeProperties(
        int maxFailedAttempts,
        List<Duration> lockoutDurations,
        int maxLockouts,
        Duration reauthenticationMaxAge,
        int maxChanges,
        Duration changeWindow,
        PasscodeHashing.Settings hashing) {

    public PasscodeProperties {
        if (reauthenticationMaxAge == null || reauthenticationMaxAge.isNegative() || hashing == null) {
            throw new IllegalArgumentException(
                    "stack.passcode.reauthentication-max-age and stack.passcode.hashing must be set");
        }
    }
}
