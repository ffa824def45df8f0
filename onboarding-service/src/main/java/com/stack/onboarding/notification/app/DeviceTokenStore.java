package com.stack.onboarding.notification.app;

import java.util.UUID;

import com.stack.onboarding.notification.domain.DevicePlatform;
import com.stack.onboarding.notification.domain.DeviceToken;
import reactor.core.publisher.Mono;

/**
 * The users' device tokens that receive pushes (port; the adapter is {@code adapters.DeviceTokenRepository}, over
 * {@code device_tokens}). A token belongs to one user.
 */
public interface DeviceTokenStore {

    /**
     * Registers the token for the user, moving it from whoever had it; false when the user does not exist
     * (has not signed up).
     */
    Mono<Boolean> register(UUID userId, DeviceToken token, DevicePlatform platform);

    /** Removes the token if it is the user's; true if it was. */
    Mono<Boolean> remove(UUID userId, String token);
}
