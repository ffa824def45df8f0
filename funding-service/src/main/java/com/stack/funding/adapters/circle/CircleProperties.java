package com.stack.funding.adapters.circle;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import com.stack.defaults.resilience.PartnerResilience;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code stack.circle.*} in funding-service: Circle's webhook notifications. The defaults point at the
 * partner sandbox ({@code ./stack up}); production sets {@code notifications-base-url}
 * {@code https://api.circle.com} and the API key through the environment
 * ({@code STACK_CIRCLE_NOTIFICATIONS_BASE_URL}, {@code STACK_CIRCLE_API_KEY}).
 *
 * @param notificationsBaseUrl  where {@code GET /v2/notifications/publicKey/{keyId}} is served
 * @param apiKey                sent as {@code Authorization: Bearer <apiKey>} when fetching keys
 * @param webhookReplayWindow   how far a notification's {@code timestamp} may be from now
 * @param webhookMaxBodySize    larger bodies are refused with 413 before anything is read into memory
 * @param acceptedTokenIds      Circle token ids of USDC on the chains in use; a transfer of another token
 *                              is ignored. Empty accepts every token: set it in every real deployment.
 * @param resilience            timeout, retries and circuit breaker around fetching keys
 * @param payoutsBaseUrl        where Circle's payouts API ({@code /v1/businessAccount/payouts}) is served
 *                              (production: {@code https://api.circle.com}, sandbox {@code https://api-sandbox.circle.com})
 * @param masterWalletId        the Circle wallet payouts are paid from (source {type: wallet})
 * @param wireBankAccountId     the wire bank account payouts are paid to (destination {type: wire}): the
 *                              broker's funding account
 * @param payoutResilience      timeout, retries and circuit breaker around payout calls
 */
@ConfigurationProperties("stack.circle")
public record CircleProperties(
        @DefaultValue("http://127.0.0.1:8090/circle") URI notificationsBaseUrl,
        @DefaultValue("TEST_API_KEY:stack-local:sandbox") String apiKey,
        @DefaultValue("5m") Duration webhookReplayWindow,
        @DefaultValue("64KB") DataSize webhookMaxBodySize,
        @DefaultValue List<String> acceptedTokenIds,
        @DefaultValue PartnerResilience.Settings resilience,
        @DefaultValue("http://127.0.0.1:8090/circle") URI payoutsBaseUrl,
        @DefaultValue("1000216185") String masterWalletId,
        @DefaultValue("6a3a947e-a0d9-4b2a-9a3e-0fa9e5a2d5a1") String wireBankAccountId,
        @DefaultValue PartnerResilience.Settings payoutResilience) {
}
