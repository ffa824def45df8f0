package com.stack.funding.adapters.alpaca;

import com.stack.defaults.partners.alpaca.AlpacaConnection;
import com.stack.defaults.partners.sse.ResumableEventStream;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stack.alpaca.*} in funding-service besides the Broker API's ({@link AlpacaConnection}): the firm account and
 * the journal status event stream. Production sets the firm account through the environment
 * ({@code STACK_ALPACA_FIRM_ACCOUNT_ID}).
 *
 * @param firmAccountId the firm's account that deposits are journaled from (JNLC)
 * @param events        the journal status event stream (off: the reconciler still reads journals back)
 */
@ConfigurationProperties("stack.alpaca")
public record AlpacaProperties(
        @DefaultValue("b0b6dd9d-8b9b-48a9-ba46-b9d54906e415") String firmAccountId,
        @DefaultValue ResumableEventStream.Settings events) {
}
