package com.stack.sandbox.alpaca.app;

import java.math.BigDecimal;

import com.stack.sandbox.market.app.Broker;
import com.stack.sandbox.market.domain.OrderUpdate;
import org.springframework.stereotype.Component;

/** Alpaca as the exchange sees it: its accounts' cash, and the trade event stream for order changes. */
@Component
public class AlpacaBroker implements Broker {

    public static final String PARTNER = EventStream.PARTNER;

    private final Accounts accounts;
    private final TradeEvents events;

    public AlpacaBroker(Accounts accounts, TradeEvents events) {
        this.accounts = accounts;
        this.events = events;
    }

    @Override
    public String partner() {
        return PARTNER;
    }

    @Override
    public BigDecimal cash(String accountId) {
        return accounts.cash(accountId);
    }

    @Override
    public void changeCash(String accountId, BigDecimal delta) {
        accounts.credit(accountId, delta);
    }

    @Override
    public void announce(OrderUpdate update) {
        events.append(update);
    }
}
