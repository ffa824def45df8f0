package com.stack.sandbox.market.app;

import java.math.BigDecimal;

import com.stack.sandbox.market.domain.OrderUpdate;

/**
 * What the exchange needs of a broker that routes orders to it (Alpaca, DriveWealth): its accounts'
 * cash, and where to report order changes. Called under the exchange's lock: quick, never blocking,
 * never calling back into the exchange.
 */
public interface Broker {

    /** The partner's name, as orders carry it ("alpaca", "drivewealth"). */
    String partner();

    BigDecimal cash(String accountId);

    /** Adds {@code delta} (negative for a buy's fill) to the account's cash. */
    void changeCash(String accountId, BigDecimal delta);

    /** Reports the change on the broker's own event channel. */
    void announce(OrderUpdate update);
}
