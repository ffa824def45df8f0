package com.stack.funding.partner.adapters.alpaca;

import com.stack.defaults.partners.alpaca.AlpacaConnection;
import com.stack.defaults.partners.sse.ResumableEventStream;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stack.alpaca.*} in funding-service besides the Broker API's ({@link AlpacaConnection}): the firm account, the
 * journal and funding status event streams, and Alpaca's incoming wire instructions (where Due wires a withdrawal's
 * refund back). Production sets the firm account through the environment
 * ({@code STACK_ALPACA_FIRM_ACCOUNT_ID}).
 *
 * @param firmAccountId the firm's account that deposits are journaled from (JNLC)
 * @param events        the journal and funding (transfer) status event streams (off: the reconciler still reads
 *                      journals and transfers back)
 * @param incomingWire  Alpaca's incoming wire instructions: a wire to this bank, for the account's
 *                      {@code account_number}, lands in the account (production: the values Alpaca gives,
 *                      {@code STACK_ALPACA_INCOMING_WIRE_ROUTING_NUMBER}, {@code ..._BANK_NAME})
 */
@ConfigurationProperties("stack.alpaca")
public record AlpacaProperties(
        @DefaultValue("b0b6dd9d-8b9b-48a9-ba46-b9d54906e415")
        String firmAccountId,

        @DefaultValue ResumableEventStream.Settings events,
        @DefaultValue IncomingWire incomingWire) {

    /**
     * @param routingNumber the ABA routing number wires into Alpaca accounts go to
     * @param bankName      that bank's name
     */
    public record IncomingWire(
            @DefaultValue("121000358") String routingNumber,
            @DefaultValue("Alpaca Sandbox Bank") String bankName) {}
}
