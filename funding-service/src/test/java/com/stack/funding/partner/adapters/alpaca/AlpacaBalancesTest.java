package com.stack.funding.partner.adapters.alpaca;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.stack.defaults.partners.alpaca.AlpacaConnection;
import com.stack.funding.broker.app.BrokerBalances;
import com.stack.funding.broker.app.Brokerage;
import com.stack.funding.partner.adapters.BrokerBalancesAdapterTest;
import com.stack.funding.partner.adapters.PartnerSandbox;
import org.springframework.web.reactive.function.client.WebClient;

/** Alpaca's trading account as the broker's cash, against the partner sandbox over HTTP. */
class AlpacaBalancesTest extends BrokerBalancesAdapterTest {

    @Override
    protected BrokerBalances balances(Map<String, String> settings) {
        return new AlpacaBalances(WebClient.builder(), connection(settings));
    }

    private static AlpacaConnection connection(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("stack.alpaca.base-url", SANDBOX.url("/alpaca"));
        return PartnerSandbox.properties("stack.alpaca", AlpacaConnection.class, all);
    }

    @Override
    protected String prefix() {
        return "stack.alpaca";
    }

    @Override
    protected Brokerage.Account accountWith(String cash) {
        Brokerage.Account account = new AlpacaClient(
                        WebClient.builder(),
                        connection(Map.of()),
                        PartnerSandbox.properties("stack.alpaca", AlpacaProperties.class, Map.of()))
                .openAccount(UUID.randomUUID(), UUID.randomUUID())
                .block(PartnerSandbox.TIMEOUT);
        SANDBOX.controlPut("/alpaca/accounts/{id}/cash", Map.of("cash", cash), account.accountId());
        return account;
    }

    @Override
    protected String partner() {
        return "alpaca";
    }

    @Override
    protected String moneyPath() {
        return "/v1/trading/accounts/*/account";
    }
}
