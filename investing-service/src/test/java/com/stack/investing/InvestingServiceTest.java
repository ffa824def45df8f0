package com.stack.investing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;

import com.stack.testsupport.SubgraphIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The harness investing's integration tests share (one application context): the service on a random port against
 * a fresh database, the test token issuer, and {@link #BROKER} in place of the broker and its market data. The broker
 * loop and the reconciler do not run on their own: the tests drive them.
 */
@SpringBootTest(
        classes = {InvestingApplication.class, InvestingServiceTest.Doubles.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=investing-service")
public abstract class InvestingServiceTest extends SubgraphIntegrationTest {

    protected static final BrokerTestDouble BROKER = new BrokerTestDouble();

    @DynamicPropertySource
    static void investingProperties(DynamicPropertyRegistry registry) {
        registerService(registry, "stack_investing_test");
        registry.add("stack.investing.orders.enabled", () -> "false");
        registry.add("stack.investing.reconciliation.enabled", () -> "false");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Doubles {

        /** The broker and the market data, one bean serving both. */
        @Bean
        @Primary
        BrokerTestDouble testBroker() {
            return BROKER;
        }
    }

    @Autowired
    protected DatabaseClient db;

    protected void insertPosition(UUID userId, String symbol, String quantity, String costBasis) {
        assertThat(db.sql("INSERT INTO positions (user_id, symbol, asset_type, quantity, cost_basis_usd)"
                                + " VALUES (:user, :symbol, 'etf', :quantity, :cost)")
                        .bind("user", userId)
                        .bind("symbol", symbol)
                        .bind("quantity", new BigDecimal(quantity))
                        .bind("cost", new BigDecimal(costBasis))
                        .fetch()
                        .rowsUpdated()
                        .block(Duration.ofSeconds(10)))
                .isEqualTo(1L);
    }

    protected void insertCash(UUID userId, String buyingPower) {
        assertThat(db.sql("INSERT INTO buying_power (user_id, buying_power_usd, version, changed_at)"
                                + " VALUES (:user, :amount, 1, now())")
                        .bind("user", userId)
                        .bind("amount", new BigDecimal(buyingPower))
                        .fetch()
                        .rowsUpdated()
                        .block(Duration.ofSeconds(10)))
                .isEqualTo(1L);
    }
}
