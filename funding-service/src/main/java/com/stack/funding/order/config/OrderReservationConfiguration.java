package com.stack.funding.order.config;

import com.stack.contracts.events.v1.OrderReservationRequested;
import com.stack.contracts.events.v1.OrderStatusChanged;
import com.stack.defaults.messaging.EventSubscription;
import com.stack.defaults.messaging.Outbox;
import com.stack.funding.broker.app.BrokerAccounts;
import com.stack.funding.broker.app.BrokerBuyingPower;
import com.stack.funding.broker.app.Brokerage;
import com.stack.funding.ledger.app.Ledger;
import com.stack.funding.ledger.app.LedgerStore;
import com.stack.funding.order.app.OrderMetrics;
import com.stack.funding.order.app.OrderReservationStore;
import com.stack.funding.order.app.OrderReservations;
import com.stack.funding.order.app.OrderSettlements;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The order saga's funding side: investing's reservation requests and order statuses (topic
 * {@code stack.investing.events.v1}) are answered and settled against the ledger, for this funding's broker.
 */
@Configuration(proxyBeanMethods = false)
class OrderReservationConfiguration {

    @Bean
    OrderMetrics orderMetrics(MeterRegistry registry) {
        return new OrderMetrics(registry);
    }

    @Bean
    OrderReservations orderReservations(
            OrderReservationStore reservations,
            BrokerAccounts accounts,
            LedgerStore balances,
            Ledger ledger,
            Outbox outbox,
            TransactionalOperator transactions,
            OrderMetrics metrics,
            Brokerage brokerage,
            BrokerBuyingPower brokerBuyingPower) {
        return new OrderReservations(
                reservations,
                accounts,
                balances,
                ledger,
                outbox,
                transactions,
                metrics,
                brokerage.partner(),
                brokerBuyingPower);
    }

    @Bean
    OrderSettlements orderSettlements(
            OrderReservationStore reservations,
            LedgerStore balances,
            Ledger ledger,
            TransactionalOperator transactions,
            OrderMetrics metrics) {
        return new OrderSettlements(reservations, balances, ledger, transactions, metrics);
    }

    @Bean
    EventSubscription<OrderReservationRequested> orderReservationRequested(OrderReservations reservations) {
        return EventSubscription.on(OrderReservationRequested.class, reservations);
    }

    @Bean
    EventSubscription<OrderStatusChanged> orderStatusChanged(OrderSettlements settlements) {
        return EventSubscription.on(OrderStatusChanged.class, settlements);
    }
}
