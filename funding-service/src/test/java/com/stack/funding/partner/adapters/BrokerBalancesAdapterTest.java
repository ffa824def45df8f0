package com.stack.funding.partner.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.stack.funding.broker.app.BrokerBalances;
import com.stack.funding.broker.app.Brokerage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a {@link BrokerBalances} adapter's tests against the partner sandbox share: the account's cash as the broker
 * has it, a 503 retried, the breaker opening on repeated failures, an unknown account refused.
 */
public abstract class BrokerBalancesAdapterTest {

    protected static final PartnerSandbox SANDBOX = PartnerSandbox.shared();

    /** The adapter with these settings (under the partner's prefix, besides the sandbox's address). */
    protected abstract BrokerBalances balances(Map<String, String> settings);

    /** The settings' prefix, e.g. {@code stack.drivewealth}. */
    protected abstract String prefix();

    /** A new account at the sandbox's broker holding {@code cash}. */
    protected abstract Brokerage.Account accountWith(String cash);

    /** The sandbox partner's name and the money read's path pattern, for faults. */
    protected abstract String partner();

    protected abstract String moneyPath();

    @AfterEach
    void noFaults() {
        SANDBOX.clearFaults();
    }

    private BrokerBalances balances(String... settings) {
        Map<String, String> all = new HashMap<>();
        all.put(prefix() + ".resilience.initial-backoff", "10ms");
        all.put(prefix() + ".resilience.max-backoff", "20ms");
        for (int i = 0; i < settings.length; i += 2) {
            all.put(prefix() + "." + settings[i], settings[i + 1]);
        }
        return balances(all);
    }

    private static BrokerBalances.Cash read(BrokerBalances balances, Brokerage.Account account) {
        return balances.cash(account).block(PartnerSandbox.TIMEOUT);
    }

    @Test
    void theAccountsCashIsReadFromTheBroker() {
        Brokerage.Account account = accountWith("125.50");

        BrokerBalances.Cash cash = read(balances(), account);

        assertThat(cash.balance()).isEqualByComparingTo("125.50");
        assertThat(cash.availableForWithdrawal()).isEqualByComparingTo("125.50");
        assertThat(cash.availableForTrade()).isEqualByComparingTo("125.50");
    }

    @Test
    void a503IsRetried() {
        Brokerage.Account account = accountWith("10.00");
        SANDBOX.fault(partner(), "GET", moneyPath(), 503, 2);

        assertThat(read(balances(), account).availableForWithdrawal()).isEqualByComparingTo(new BigDecimal("10.00"));
    }

    @Test
    void repeatedFailuresOpenTheBreakerAndItsCallsFailAsUnavailable() {
        Brokerage.Account account = accountWith("10.00");
        BrokerBalances balances = balances(
                "resilience.max-attempts",
                "1",
                "resilience.minimum-calls",
                "2",
                "resilience.sliding-window",
                "2",
                "resilience.open-state-wait",
                "1m");
        SANDBOX.fault(partner(), "GET", moneyPath(), 503, 100);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> read(balances, account))
                    .isInstanceOf(Brokerage.BrokerUnavailableException.class)
                    .hasMessageContaining("503");
        }
        assertThatThrownBy(() -> read(balances, account))
                .isInstanceOf(Brokerage.BrokerUnavailableException.class)
                .hasMessageContaining("circuit open");
    }

    @Test
    void anAccountTheBrokerDoesNotKnowIsRefused() {
        assertThatThrownBy(() ->
                        read(balances(), new Brokerage.Account(UUID.randomUUID().toString(), "DWXX000000")))
                .isInstanceOf(Brokerage.BrokerRefusedException.class);
    }
}
