package com.stack.sandbox.drivewealth.app;

import java.math.BigDecimal;

import com.stack.sandbox.drivewealth.domain.Account;
import com.stack.sandbox.market.app.Broker;
import com.stack.sandbox.market.domain.OrderUpdate;
import org.springframework.stereotype.Component;

/** DriveWealth as the exchange sees it: its accounts' cash (kept by account number), and its order events queue. */
@Component
public class DriveWealthBroker implements Broker {

    public static final String PARTNER = EventQueue.PARTNER;

    private final DriveWealthAccounts accounts;
    private final OrderEvents events;

    public DriveWealthBroker(DriveWealthAccounts accounts, OrderEvents events) {
        this.accounts = accounts;
        this.events = events;
    }

    @Override
    public String partner() {
        return PARTNER;
    }

    @Override
    public BigDecimal cash(String accountId) {
        return accounts.byId(accountId)
                .map(account -> accounts.cash(account.accountNo()))
                .orElse(BigDecimal.ZERO);
    }

    @Override
    public void changeCash(String accountId, BigDecimal delta) {
        accounts.credit(accounts.byId(accountId).map(Account::accountNo).orElseThrow(), delta);
    }

    @Override
    public void announce(OrderUpdate update) {
        events.publish(update);
    }
}
