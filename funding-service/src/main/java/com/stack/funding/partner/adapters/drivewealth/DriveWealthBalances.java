package com.stack.funding.partner.adapters.drivewealth;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.stack.defaults.partners.drivewealth.DriveWealthAccessToken;
import com.stack.defaults.partners.drivewealth.DriveWealthApi;
import com.stack.defaults.partners.drivewealth.DriveWealthConnection;
import com.stack.funding.broker.app.BrokerBalances;
import com.stack.funding.broker.app.Brokerage;
import com.stack.funding.broker.app.Brokerage.BrokerRefusedException;
import com.stack.funding.broker.app.Brokerage.BrokerUnavailableException;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * An account's money at DriveWealth ({@code GET /accounts/{accountID}/summary/money}: {@code cash.cashBalance},
 * {@code cashAvailableForWithdrawal}, {@code cashAvailableForTrade}), under its own breaker
 * ({@value #RESILIENCE_NAME}), so reads that fail do not open the breaker that deposits and redemptions go through.
 * It signs in on its own (a second bearer token of the same credentials).
 */
public class DriveWealthBalances implements BrokerBalances {

    static final String RESILIENCE_NAME = "drivewealth-balances";

    private final DriveWealthApi api;

    public DriveWealthBalances(WebClient.Builder webClients, DriveWealthConnection connection) {
        this.api = new DriveWealthApi(
                webClients,
                connection,
                RESILIENCE_NAME,
                BrokerUnavailableException.class,
                BrokerRefusedException.class,
                BrokerUnavailableException::new,
                DriveWealthClient::translate);
    }

    @Override
    public Mono<Cash> cash(Brokerage.Account account) {
        String what = "money summary of account " + account.accountNo();
        return api.call(
                what,
                bearer -> api.web()
                        .get()
                        .uri("/accounts/{id}/summary/money", account.accountId())
                        .headers(h -> DriveWealthAccessToken.authorize(h, bearer, null))
                        .retrieve()
                        .onStatus(
                                status -> !status.is2xxSuccessful(),
                                response -> DriveWealthClient.translate(what, response))
                        .bodyToMono(MoneySummary.class)
                        .map(summary -> {
                            MoneyCash cash = summary.cash();
                            if (cash == null
                                    || cash.cashBalance() == null
                                    || cash.cashAvailableForWithdrawal() == null
                                    || cash.cashAvailableForTrade() == null) {
                                throw new BrokerUnavailableException(
                                        "DriveWealth answered the " + what + " without its cash", null);
                            }
                            return new Cash(
                                    cash.cashBalance(),
                                    cash.cashAvailableForWithdrawal(),
                                    cash.cashAvailableForTrade());
                        }));
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record MoneySummary(MoneyCash cash) {}

    /** DriveWealth sends numbers; the amounts are read as decimals either way. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record MoneyCash(BigDecimal cashBalance, BigDecimal cashAvailableForWithdrawal, BigDecimal cashAvailableForTrade) {}
}
