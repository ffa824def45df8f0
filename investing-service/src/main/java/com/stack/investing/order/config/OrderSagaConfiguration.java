package com.stack.investing.order.config;

import java.util.stream.Stream;

import com.stack.contracts.events.v1.BuyingPowerChanged;
import com.stack.contracts.events.v1.KycStatusChanged;
import com.stack.contracts.events.v1.OrderReservationAnswered;
import com.stack.defaults.live.LiveUpdates;
import com.stack.defaults.live.RedisLiveUpdates;
import com.stack.defaults.messaging.EventSubscription;
import com.stack.defaults.metrics.SagaMetrics;
import com.stack.investing.broker.app.Broker;
import com.stack.investing.order.adapters.redis.OrderMessage;
import com.stack.investing.order.app.BrokerOrderLoop;
import com.stack.investing.order.app.OrderAnnouncements;
import com.stack.investing.order.app.OrderReconciler;
import com.stack.investing.order.app.OrderSaga;
import com.stack.investing.order.app.OrderStore;
import com.stack.investing.order.app.UserCountries;
import com.stack.investing.order.domain.OrderStatus;
import com.stack.investing.portfolio.app.BuyingPowerReadModel;
import com.stack.investing.portfolio.app.BuyingPowers;
import com.stack.investing.portfolio.app.Positions;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The order saga's wiring: the events investing consumes (funding's reservation answers and buying power, on
 * funding's topic), the saga (also the {@link com.stack.investing.broker.app.ExecutionReports} the broker intakes
 * hand their reports to), the broker loop ({@code stack.investing.orders.*}), the reconciler
 * ({@code stack.investing.reconciliation.*}; the stuck-order metric uses {@code stack.investing.orders.stuck-after}),
 * the saga's metrics and the orders' live updates over Redis.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({BrokerOrderLoop.Settings.class, OrderReconciler.Settings.class})
class OrderSagaConfiguration {

    /**
     * The order saga's metrics: a top-level order is one saga ({@code saga=order}), its statuses in the database's
     * spelling. Steps: {@code reservation} (funding's answer applied; {@code failure} when refused), {@code submit}
     * and {@code cancel} (the broker loop's actions; a submit the broker refuses for good is a {@code failure}, the
     * broker unavailable a {@code retry}) and {@code broker_report} (a broker report applied).
     */
    @Bean
    SagaMetrics orderSagaMetrics(MeterRegistry meters) {
        return new SagaMetrics(
                meters,
                OrderSaga.SAGA,
                Stream.of(OrderStatus.values())
                        .filter(status -> !status.isFinal())
                        .map(OrderStatus::column)
                        .toList());
    }

    @Bean
    OrderSaga orderSaga(
            OrderStore orders,
            Positions positions,
            OrderAnnouncements announcements,
            TransactionalOperator transactions,
            SagaMetrics metrics,
            @Value("${stack.investing.broker.partner:drivewealth}") String partner) {
        return new OrderSaga(orders, positions, announcements, transactions, metrics, partner);
    }

    @Bean
    EventSubscription<OrderReservationAnswered> orderReservationAnswered(OrderSaga saga) {
        return EventSubscription.on(OrderReservationAnswered.class, saga::reservationAnswered);
    }

    @Bean
    EventSubscription<KycStatusChanged> kycStatusChanged(UserCountries countries) {
        return EventSubscription.on(KycStatusChanged.class, countries);
    }

    @Bean
    EventSubscription<BuyingPowerChanged> buyingPowerChanged(BuyingPowerReadModel readModel) {
        return EventSubscription.on(BuyingPowerChanged.class, readModel);
    }

    @Bean
    BrokerOrderLoop brokerOrderLoop(
            OrderStore orders, OrderSaga saga, Broker broker, SagaMetrics metrics, BrokerOrderLoop.Settings settings) {
        return new BrokerOrderLoop(orders, saga, broker, metrics, settings);
    }

    @Bean
    OrderReconciler orderReconciler(
            OrderStore orders,
            Positions positions,
            BuyingPowers buyingPower,
            Broker broker,
            MeterRegistry meters,
            SagaMetrics metrics,
            OrderReconciler.Settings settings,
            BrokerOrderLoop.Settings orderSettings) {
        return new OrderReconciler(
                orders, positions, buyingPower, broker, meters, metrics, settings, orderSettings.stuckAfter());
    }

    @Bean
    LiveUpdates<com.stack.investing.order.domain.Order> orderUpdates(ReactiveStringRedisTemplate redis) {
        return RedisLiveUpdates.of(
                redis,
                OrderMessage.CHANNEL_PREFIX,
                OrderMessage.class,
                OrderMessage::of,
                OrderMessage::read,
                OrderMessage::userId);
    }
}
