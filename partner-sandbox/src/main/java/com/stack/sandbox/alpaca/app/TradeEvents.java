package com.stack.sandbox.alpaca.app;

import java.time.Clock;
import java.util.Locale;

import com.stack.sandbox.alpaca.domain.AlpacaOrder;
import com.stack.sandbox.alpaca.domain.TradeEvent;
import com.stack.sandbox.market.domain.Order;
import com.stack.sandbox.market.domain.OrderUpdate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/** Every change of an Alpaca order since startup, in the order it happened, each under a new ULID. */
@Service
public class TradeEvents extends EventLog<TradeEvent> {

    @Autowired
    public TradeEvents() {
        this(Clock.systemUTC());
    }

    TradeEvents(Clock clock) {
        super(clock, TradeEvent::eventId);
    }

    TradeEvent append(OrderUpdate update) {
        Order order = update.order();
        boolean fill = update.execution() != null;
        return append((id, at) -> new TradeEvent(
                id,
                at,
                order.accountId(),
                update.kind().name().toLowerCase(Locale.ROOT),
                fill ? update.execution().id() : null,
                fill ? Order.price(update.execution().price()).toPlainString() : null,
                fill ? Order.quantity(update.execution().quantity()).toPlainString() : null,
                Order.quantity(update.positionQuantity()).toPlainString(),
                AlpacaOrder.of(order)));
    }
}
