package com.stack.investing.config;

import com.stack.contracts.events.v1.BuyingPowerChanged;
import com.stack.contracts.events.v1.OrderReservationAnswered;
import com.stack.defaults.live.LiveUpdates;
import com.stack.defaults.live.RedisLiveUpdates;
import com.stack.defaults.messaging.EventSubscription;
import com.stack.investing.adapters.BuyingPowerRepository;
import com.stack.investing.adapters.OrderRepository;
import com.stack.investing.adapters.PositionRepository;
import com.stack.investing.adapters.redis.OrderMessage;
import com.stack.investing.app.broker.Broker;
import com.stack.investing.app.order.BrokerOrderLoop;
import com.stack.investing.app.order.OrderAnnouncements;
import com.stack.investing.app.order.OrderReconciler;
import com.stack.investing.app.order.OrderSaga;
import com.stack.investing.app.portfolio.BuyingPowerReadModel;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The order saga's wiring: the events investing consumes (funding's reservation answers and buying power, on
 * funding's topic), the saga (also the {@link com.stack.investing.app.broker.ExecutionReports} the broker intakes
 * hand their reports to), the broker loop ({@code stack.investing.orders.*}), the reconciler
 * ({@code stack.investing.reconciliation.*}) and the orders' live updates over Redis.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({BrokerOrderLoop.Settings.class, OrderReconciler.Settings.class})
class OrderSagaConfiguration {

    @Bean
    OrderSaga orderSaga(OrderRepository orders, PositionRepository positions, OrderAnnouncements announcements,
            TransactionalOperator transactions, @Value("${stack.investing.broker.partner:drivewealth}") String partner) {
        return new OrderSaga(orders, positions, announcements, transactions, partner);
    }

    @Bean
    EventSubscription<OrderReservationAnswered> orderReservationAnswered(OrderSaga saga) {
        return EventSubscription.on(OrderReservationAnswered.class, saga::reservationAnswered);
    }

    @Bean
    EventSubscription<BuyingPowerChanged> buyingPowerChanged(BuyingPowerReadModel readModel) {
        return EventSubscription.on(BuyingPowerChanged.class, readModel);
    }

    @Bean
    BrokerOrderLoop brokerOrderLoop(OrderRepository orders, OrderSaga saga, Broker broker, BrokerOrderLoop.Settings settings) {
        return new BrokerOrderLoop(orders, saga, broker, settings);
    }

    @Bean
    OrderReconciler orderReconciler(OrderRepository orders, PositionRepository positions, BuyingPowerRepository buyingPower,
            Broker broker, MeterRegistry meters, OrderReconciler.Settings settings) {
        return new OrderReconciler(orders, positions, buyingPower, broker, meters, settings);
    }

    @Bean
    LiveUpdates<com.stack.investing.domain.Order> orderUpdates(ReactiveStringRedisTemplate redis) {
        return RedisLiveUpdates.of(redis, OrderMessage.CHANNEL_PREFIX, OrderMessage.class, OrderMessage::of,
                OrderMessage::read, OrderMessage::userId);
    }
}
