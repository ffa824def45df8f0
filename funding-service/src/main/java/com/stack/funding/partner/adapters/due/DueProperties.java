package com.stack.funding.partner.adapters.due;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import com.stack.defaults.resilience.PartnerResilience;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code stack.due.*} in funding-service: Due's ramp API and its webhooks. The defaults point at the partner
 * sandbox; production sets {@code base-url} {@code https://api.due.network} (sandbox
 * {@code https://api.sandbox.due.network}), the key, the account id, the recipient (the broker's bank
 * account) and the webhook keys through the environment ({@code STACK_DUE_*}).
 *
 * @param baseUrl             the API, without {@code /v1}
 * @param apiKey              sent as {@code Authorization: Bearer}
 * @param accountId           sent as {@code Due-Account-Id}
 * @param recipientId         the recipient payouts are paid to: the broker's funding bank account
 * @param sourceRail          the rail the USDC leaves on (the custody wallets' chain)
 * @param destinationRail     the rail the USD arrives on
 * @param webhookUrl          where Due delivers webhooks (through the gateway); when set, the endpoint is
 *                            registered with Due at startup if it is not yet, and its key is trusted
 * @param webhookPublicKeys   Ed25519 public keys (PEM or base64 SPKI) of endpoints registered by hand
 * @param webhookReplayWindow how far a delivery's {@code attemptedAt} may be from now
 * @param webhookMaxBodySize  larger bodies are refused with 413
 * @param resilience          timeout, retries and circuit breaker around every call
 * @param onRampSourceRail    the rail a withdrawal's USD leaves on for the on-ramp ({@code ach} or {@code wire});
 *                            the USDC arrives on the rail of the withdrawal's chain ({@code ethereum}, {@code solana})
 * @param refundRail          the rail of a withdrawal's refund, USD paid out of the user's virtual account to the
 *                            broker's incoming wire instructions ({@code bank_us} to {@code bank_us})
 */
@ConfigurationProperties("stack.due")
public record DueProperties(
        @DefaultValue("http://127.0.0.1:8090/due") URI baseUrl,
        @DefaultValue("dk_local_sandbox_key") String apiKey,
        @DefaultValue("acct_stack_local") String accountId,
        @DefaultValue("rcp_stack_broker_firm") String recipientId,
        @DefaultValue("ethereum") String sourceRail,
        @DefaultValue("wire") String destinationRail,
        String webhookUrl,
        @DefaultValue List<String> webhookPublicKeys,
        @DefaultValue("5m") Duration webhookReplayWindow,
        @DefaultValue("64KB") DataSize webhookMaxBodySize,
        @DefaultValue PartnerResilience.Settings resilience,
        @DefaultValue("ach") String onRampSourceRail,
        @DefaultValue("bank_us") String refundRail) {}
