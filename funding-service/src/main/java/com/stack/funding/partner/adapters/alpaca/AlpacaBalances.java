package com.stack.funding.partner.adapters.alpaca;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.stack.defaults.partners.PartnerCalls;
import com.stack.defaults.partners.alpaca.AlpacaConnection;
import com.stack.funding.broker.app.BrokerBalances;
import com.stack.funding.broker.app.Brokerage;
import com.stack.funding.broker.app.Brokerage.BrokerRefusedException;
import com.stack.funding.broker.app.Brokerage.BrokerUnavailableException;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * An account's money at Alpaca (Broker API {@code GET /v1/trading/accounts/{id}/account}: {@code cash},
 * {@code cash_withdrawable}, {@code buying_power}), under its own breaker ({@value #RESILIENCE_NAME}).
 */
public class AlpacaBalances implements BrokerBalances {

    static final String RESILIENCE_NAME = "alpaca-balances";

    private final WebClient web;
    private final PartnerCalls calls;

    public AlpacaBalances(WebClient.Builder webClients, AlpacaConnection connection) {
        this.web = connection.client(webClients);
        this.calls = new PartnerCalls(
                "Alpaca",
                RESILIENCE_NAME,
                connection.resilience(),
                BrokerUnavailableException.class,
                BrokerRefusedException.class,
                BrokerUnavailableException::new);
    }

    @Override
    public Mono<Cash> cash(Brokerage.Account account) {
        String what = "trading account " + account.accountId();
        return calls.call(
                what,
                web.get()
                        .uri("/v1/trading/accounts/{id}/account", account.accountId())
                        .accept(MediaType.APPLICATION_JSON)
                        .retrieve()
                        .onStatus(
                                status -> !status.is2xxSuccessful(), response -> AlpacaClient.translate(what, response))
                        .bodyToMono(TradingAccount.class)
                        .map(answer -> {
                            if (answer.cash() == null
                                    || answer.cashWithdrawable() == null
                                    || answer.buyingPower() == null) {
                                throw new BrokerUnavailableException(
                                        "Alpaca answered the " + what + " without its cash", null);
                            }
                            return new Cash(answer.cash(), answer.cashWithdrawable(), answer.buyingPower());
                        }));
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TradingAccount(
            BigDecimal cash,
            @JsonProperty("cash_withdrawable") BigDecimal cashWithdrawable,
            @JsonProperty("buying_power") BigDecimal buyingPower) {}
}
