package com.stack.sandbox.drivewealth.api;

import com.stack.sandbox.drivewealth.app.DriveWealthAccounts;
import com.stack.sandbox.drivewealth.app.DriveWealthBroker;
import com.stack.sandbox.drivewealth.domain.Account;
import com.stack.sandbox.drivewealth.domain.DriveWealthException;
import com.stack.sandbox.market.app.Exchange;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * DriveWealth's accounts: open one for a user, read its cash and positions. The session is checked before a request
 * gets here ({@code DriveWealthAuthentication}).
 */
@RestController
@RequestMapping(path = DriveWealthApi.BASE_PATH + "/accounts", produces = MediaType.APPLICATION_JSON_VALUE)
public class DriveWealthAccountsController {

    private final DriveWealthAccounts accounts;
    private final Exchange exchange;

    public DriveWealthAccountsController(DriveWealthAccounts accounts, Exchange exchange) {
        this.accounts = accounts;
        this.exchange = exchange;
    }

    /** 200 with the account, the user's existing one when it has one. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public Views.AccountView open(
            @RequestHeader(name = DriveWealthApi.IDEMPOTENCY_KEY_HEADER, required = false) String idempotencyKey,
            @RequestBody OpenAccountRequest request) {
        return Views.AccountView.of(accounts.open(request.validated(), DriveWealthApi.checkedKey(idempotencyKey))
                .value());
    }

    @GetMapping("/{accountID}/summary/money")
    public Views.MoneySummary money(@PathVariable String accountID) {
        Account account =
                accounts.byId(accountID).orElseThrow(() -> DriveWealthException.notFound("No account " + accountID));
        return Views.MoneySummary.of(
                account,
                accounts.cash(account.accountNo()),
                exchange.buyingPower(DriveWealthBroker.PARTNER, account.id()));
    }

    /** The account's positions, from its fills at the sandbox's exchange. */
    @GetMapping("/{accountID}/summary/positions")
    public Views.PositionsSummary positions(@PathVariable String accountID) {
        Account account =
                accounts.byId(accountID).orElseThrow(() -> DriveWealthException.notFound("No account " + accountID));
        return new Views.PositionsSummary(
                account.id(),
                account.accountNo(),
                exchange.positions(account.id()).stream()
                        .map(position -> Views.EquityPosition.of(position, exchange.priceNow(position.instrument())))
                        .toList());
    }
}
