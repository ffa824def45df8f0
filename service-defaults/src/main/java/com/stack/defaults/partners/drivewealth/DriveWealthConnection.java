package com.stack.defaults.partners.drivewealth;

import java.net.URI;
import java.time.Duration;

import com.stack.defaults.resilience.PartnerResilience;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stack.drivewealth.*}: DriveWealth's back-office API as every service that calls it reaches it (one set
 * of {@code STACK_DRIVEWEALTH_*} values for all). A service binds its own further settings under the same prefix
 * in a record of its own. The defaults point at the partner sandbox ({@code ./stack up}); production sets
 * {@code base-url} {@code https://bo-api.drivewealth.io/back-office} and the credentials through the environment.
 *
 * @param baseUrl            the back-office API, including {@code /back-office}
 * @param appKey             sent as {@code dw-client-app-key} on every call
 * @param clientId           {@code POST /auth/tokens} credentials
 * @param clientSecret       {@code POST /auth/tokens} credentials
 * @param tokenRefreshMargin how long before its expiry a token is replaced
 * @param resilience         timeout, retries and circuit breaker around every call
 */
@ConfigurationProperties("stack.drivewealth")
public record DriveWealthConnection(
        @DefaultValue("http://127.0.0.1:8090/drivewealth/back-office")
        URI baseUrl,

        @DefaultValue("dw_local_app_key") String appKey,
        @DefaultValue("stack-local") String clientId,
        @DefaultValue("dw_local_secret_change_me") String clientSecret,
        @DefaultValue("60s") Duration tokenRefreshMargin,
        @DefaultValue PartnerResilience.Settings resilience) {}
