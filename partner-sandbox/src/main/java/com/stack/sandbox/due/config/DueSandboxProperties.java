package com.stack.sandbox.due.config;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import com.stack.sandbox.partners.DeliveryPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Due in the sandbox ({@code stack.sandbox.due.*}).
 *
 * @param apiKey           what callers send as {@code Authorization: Bearer <apiKey>}
 * @param accountId        what callers send as {@code Due-Account-Id}
 * @param webhookEndpoints URLs registered as webhook endpoints at startup (comma-separated), each with
 *                         its key pair; their public keys are listed by {@code GET /v1/webhook_endpoints}
 * @param webhookDelivery  retries of a webhook delivery
 * @param quoteTtl         how long a quote is valid
 * @param fee              the flat fee of every quote, in USD, taken from what the destination receives
 * @param settleDelay      how long a transfer takes from {@code pending} to {@code completed} (or
 *                         {@code failed}); it is {@code processing} from half of it
 * @param failingRecipients recipient ids whose transfers end {@code failed} (comma-separated)
 * @param failureReason    the {@code failureReason} of those transfers
 * @param defaultRecipient the recipient that exists from startup: the brokerage firm's bank account
 */
@ConfigurationProperties("stack.sandbox.due")
public record DueSandboxProperties(
        @DefaultValue("dk_local_sandbox_key") String apiKey,
        @DefaultValue("acct_stack_local") String accountId,
        @DefaultValue List<URI> webhookEndpoints,
        @DefaultValue DeliveryPolicy webhookDelivery,
        @DefaultValue("2m") Duration quoteTtl,
        @DefaultValue("0.00") BigDecimal fee,
        @DefaultValue("500ms") Duration settleDelay,
        @DefaultValue List<String> failingRecipients,
        @DefaultValue("recipient_bank_rejected") String failureReason,
        @DefaultValue DefaultRecipient defaultRecipient) {

    public DueSandboxProperties {
        require(apiKey, "api-key");
        require(accountId, "account-id");
        require(failureReason, "failure-reason");
        webhookEndpoints = webhookEndpoints == null ? List.of() : List.copyOf(webhookEndpoints);
        for (URI endpoint : webhookEndpoints) {
            if (!endpoint.isAbsolute()
                    || !("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))) {
                throw new IllegalArgumentException(
                        "stack.sandbox.due.webhook-endpoints must hold absolute http(s) URLs: " + endpoint);
            }
        }
        if (quoteTtl == null || quoteTtl.isNegative() || quoteTtl.isZero()) {
            throw new IllegalArgumentException("stack.sandbox.due.quote-ttl must be positive");
        }
        if (fee == null || fee.signum() < 0 || fee.scale() > 2) {
            throw new IllegalArgumentException(
                    "stack.sandbox.due.fee must be a USD amount of at least 0 with at most 2 decimals");
        }
        if (settleDelay == null || settleDelay.isNegative()) {
            throw new IllegalArgumentException("stack.sandbox.due.settle-delay must not be negative");
        }
        failingRecipients = failingRecipients == null
                ? List.of()
                : failingRecipients.stream()
                        .map(String::strip)
                        .filter(id -> !id.isEmpty())
                        .toList();
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("stack.sandbox.due." + name + " must not be blank");
        }
    }

    /** The firm's bank account, a {@code bank_us} recipient known from startup. */
    public record DefaultRecipient(
            @DefaultValue("rcp_stack_broker_firm") String id,
            @DefaultValue("STACK Brokerage Firm") String name,
            @DefaultValue("000123456789") String accountNumber,
            @DefaultValue("021000021") String routingNumber) {}
}
