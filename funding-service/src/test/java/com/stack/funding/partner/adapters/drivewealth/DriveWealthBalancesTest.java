package com.stack.funding.partner.adapters.drivewealth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.stack.defaults.partners.drivewealth.DriveWealthConnection;
import com.stack.funding.broker.app.BrokerBalances;
import com.stack.funding.broker.app.Brokerage;
import com.stack.funding.partner.adapters.BrokerBalancesAdapterTest;
import com.stack.funding.partner.adapters.PartnerSandbox;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * DriveWealth's money summary as the broker's cash, against the partner sandbox over HTTP; and a fee taken at the
 * broker (the sandbox's cash adjustment) showing in it.
 */
class DriveWealthBalancesTest extends BrokerBalancesAdapterTest {

    @Override
    protected BrokerBalances balances(Map<String, String> settings) {
        return new DriveWealthBalances(WebClient.builder(), connection(settings));
    }

    private static DriveWealthConnection connection(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("stack.drivewealth.base-url", SANDBOX.url("/drivewealth/back-office"));
        return PartnerSandbox.properties("stack.drivewealth", DriveWealthConnection.class, all);
    }

    @Override
    protected String prefix() {
        return "stack.drivewealth";
    }

    @Override
    protected Brokerage.Account accountWith(String cash) {
        Brokerage.Account account = new DriveWealthClient(WebClient.builder(), connection(Map.of()))
                .openAccount(UUID.randomUUID(), UUID.randomUUID())
                .block(PartnerSandbox.TIMEOUT);
        SANDBOX.controlPost("/drivewealth/accounts/{no}/cash-adjustments", Map.of("amount", cash), account.accountNo());
        return account;
    }

    @Override
    protected String partner() {
        return "drivewealth";
    }

    @Override
    protected String moneyPath() {
        return "/accounts/*/summary/money";
    }

    @Test
    void aFeeTakenAtTheBrokerLowersWhatIsAvailable() {
        Brokerage.Account account = accountWith("100.00");
        SANDBOX.controlPost(
                "/drivewealth/accounts/{no}/cash-adjustments",
                Map.of("amount", "-5.25", "reason", "fee"),
                account.accountNo());

        BrokerBalances.Cash cash = balances(Map.of()).cash(account).block(PartnerSandbox.TIMEOUT);

        assertThat(cash.balance()).isEqualByComparingTo("94.75");
        assertThat(cash.availableForWithdrawal()).isEqualByComparingTo("94.75");
    }
}
