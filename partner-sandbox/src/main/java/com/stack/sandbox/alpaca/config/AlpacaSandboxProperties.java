package com.stack.sandbox.alpaca.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Alpaca's Broker API in the sandbox ({@code stack.sandbox.alpaca.*}).
 *
 * @param apiKey            the key of HTTP Basic auth ({@code key:secret})
 * @param apiSecret         the secret of HTTP Basic auth
 * @param firmAccountId     the firm account: the {@code from_account} of deposits' journals, the
 *                          {@code to_account} of withdrawals'
 * @param firmCash          the firm account's cash at startup
 * @param settleDelay       how long a journal takes from {@code queued} to {@code executed} (or
 *                          {@code rejected}); it is {@code sent_to_clearing} from half of it
 * @param rejectingAccounts account ids whose journals (to or from them) are rejected (comma-separated)
 * @param heartbeatInterval how often an event stream sends its {@code :heartbeat} comment (also once on connecting)
 * @param incomingWire      Alpaca's wire instructions for incoming wires: a wire (of another emulated bank) to this
 *                          routing number and an account's {@code account_number} becomes an {@code INCOMING}
 *                          transfer of that account
 */
@ConfigurationProperties("stack.sandbox.alpaca")
public record AlpacaSandboxProperties(
        @DefaultValue("alpaca_local_key") String apiKey,
        @DefaultValue("alpaca_local_secret") String apiSecret,

        @DefaultValue("b0b6dd9d-8b9b-48a9-ba46-b9d54906e415")
        UUID firmAccountId,

        @DefaultValue("10000000.00") BigDecimal firmCash,
        @DefaultValue("500ms") Duration settleDelay,
        @DefaultValue List<UUID> rejectingAccounts,
        @DefaultValue("5s") Duration heartbeatInterval,
        @DefaultValue IncomingWire incomingWire) {

    public AlpacaSandboxProperties {
        if (apiKey == null || apiKey.isBlank() || apiKey.contains(":")) {
            throw new IllegalArgumentException("stack.sandbox.alpaca.api-key must not be blank nor hold ':'");
        }
        if (apiSecret == null || apiSecret.isBlank()) {
            throw new IllegalArgumentException("stack.sandbox.alpaca.api-secret must not be blank");
        }
        if (firmCash == null || firmCash.signum() < 0 || firmCash.scale() > 2) {
            throw new IllegalArgumentException(
                    "stack.sandbox.alpaca.firm-cash must be at least 0 with at most 2 decimals");
        }
        if (settleDelay == null || settleDelay.isNegative()) {
            throw new IllegalArgumentException("stack.sandbox.alpaca.settle-delay must not be negative");
        }
        if (heartbeatInterval == null || heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("stack.sandbox.alpaca.heartbeat-interval must be positive");
        }
        rejectingAccounts = rejectingAccounts == null ? List.of() : List.copyOf(rejectingAccounts);
        if (incomingWire == null
                || incomingWire.routingNumber() == null
                || !incomingWire.routingNumber().matches("\\d{9}")) {
            throw new IllegalArgumentException("stack.sandbox.alpaca.incoming-wire.routing-number must be 9 digits");
        }
    }

    /** Where other banks wire USD to an Alpaca account: this routing number and the account's number. */
    public record IncomingWire(
            @DefaultValue("121000358") String routingNumber,
            @DefaultValue("Alpaca Sandbox Bank") String bankName) {}
}
