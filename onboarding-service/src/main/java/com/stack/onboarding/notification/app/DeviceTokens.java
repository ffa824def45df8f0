package com.stack.onboarding.notification.app;

import com.stack.defaults.errors.NotFoundException;
import com.stack.defaults.security.Caller;
import com.stack.onboarding.notification.domain.DevicePlatform;
import com.stack.onboarding.notification.domain.DeviceToken;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** The caller's devices that receive pushes. A token belongs to one user: registering it moves it to the caller. */
@Service
public class DeviceTokens {

    private final DeviceTokenStore devices;

    public DeviceTokens(DeviceTokenStore devices) {
        this.devices = devices;
    }

    /** Idempotent; fails with NOT_FOUND when the caller has not signed up. */
    public Mono<Boolean> register(Caller caller, DeviceToken token, DevicePlatform platform) {
        return devices.register(caller.userId(), token, platform)
                .flatMap(registered ->
                        registered ? Mono.just(true) : Mono.error(new NotFoundException("User (sign up first)")));
    }

    /** True when the token was the caller's (and is removed); false when it was not registered to them. */
    public Mono<Boolean> unregister(Caller caller, String token) {
        return devices.remove(caller.userId(), token == null ? "" : token.strip());
    }
}
