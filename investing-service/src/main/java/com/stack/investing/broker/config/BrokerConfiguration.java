package com.stack.investing.broker.config;

import java.time.Clock;

import com.stack.defaults.partners.alpaca.AlpacaConnection;
import com.stack.defaults.partners.drivewealth.DriveWealthConnection;
import com.stack.defaults.partners.sse.StreamPositions;
import com.stack.investing.broker.adapters.alpaca.AlpacaBroker;
import com.stack.investing.broker.adapters.alpaca.AlpacaProperties;
import com.stack.investing.broker.adapters.alpaca.AlpacaTradeStream;
import com.stack.investing.broker.adapters.drivewealth.DriveWealthBroker;
import com.stack.investing.broker.adapters.drivewealth.DriveWealthOrderQueue;
import com.stack.investing.broker.adapters.drivewealth.DriveWealthProperties;
import com.stack.investing.broker.adapters.marketdata.AlpacaMarketData;
import com.stack.investing.broker.app.Broker;
import com.stack.investing.broker.app.ExecutionReports;
import com.stack.investing.broker.app.MarketData;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The broker that executes orders ({@code stack.investing.broker.partner}: {@code drivewealth} by default, or
 * {@code alpaca}; the broker funding funds) with its event intake into {@link ExecutionReports}, and Alpaca's
 * market data for prices whichever the broker.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AlpacaConnection.class, AlpacaProperties.class})
class BrokerConfiguration {

    @Bean
    MarketData marketData(WebClient.Builder webClients, AlpacaConnection connection, AlpacaProperties properties) {
        return new AlpacaMarketData(webClients, connection, properties, Clock.systemUTC());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(
            name = "stack.investing.broker.partner",
            havingValue = DriveWealthBroker.PARTNER,
            matchIfMissing = true)
    @EnableConfigurationProperties({DriveWealthConnection.class, DriveWealthProperties.class})
    static class DriveWealth {

        @Bean
        Broker driveWealth(WebClient.Builder webClients, DriveWealthConnection connection) {
            return new DriveWealthBroker(webClients, connection);
        }

        @Bean
        DriveWealthOrderQueue driveWealthOrderQueue(
                DriveWealthProperties properties, ExecutionReports reports, MeterRegistry meters) {
            return new DriveWealthOrderQueue(properties.orderEvents(), reports, meters);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "stack.investing.broker.partner", havingValue = AlpacaBroker.PARTNER)
    static class Alpaca {

        @Bean
        Broker alpaca(WebClient.Builder webClients, AlpacaConnection connection) {
            return new AlpacaBroker(webClients, connection);
        }

        @Bean
        AlpacaTradeStream alpacaTradeStream(
                WebClient.Builder webClients,
                AlpacaConnection connection,
                AlpacaProperties properties,
                ExecutionReports reports,
                DatabaseClient db,
                MeterRegistry meters) {
            return new AlpacaTradeStream(
                    webClients,
                    connection,
                    properties,
                    reports,
                    new StreamPositions(db, "broker_stream_positions"),
                    meters);
        }
    }
}
