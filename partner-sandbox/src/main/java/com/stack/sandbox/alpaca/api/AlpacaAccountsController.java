package com.stack.sandbox.alpaca.api;

import com.stack.sandbox.alpaca.app.Accounts;
import com.stack.sandbox.alpaca.app.AlpacaBroker;
import com.stack.sandbox.alpaca.domain.Account;
import com.stack.sandbox.alpaca.domain.AlpacaException;
import com.stack.sandbox.alpaca.domain.TradingAccount;
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
 * Alpaca's accounts under {@value AlpacaApi#BASE_PATH}: open one, read it, read its money. Basic auth
 * is checked before a request gets here ({@code ApiKeyFilter}).
 */
@RestController
@RequestMapping(path = AlpacaApi.BASE_PATH + "/v1", produces = MediaType.APPLICATION_JSON_VALUE)
public class AlpacaAccountsController {

    private final Accounts accounts;
    private final Exchange exchange;

    public AlpacaAccountsController(Accounts accounts, Exchange exchange) {
        this.accounts = accounts;
        this.exchange = exchange;
    }

    /** 200 as Alpaca answers, also for the same Idempotency-Key and body again (a sandbox extension). */
    @PostMapping(path = "/accounts", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Account create(
            @RequestHeader(name = AlpacaApi.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @RequestBody CreateAccountRequest request) {
        return accounts.create(AlpacaJournalsController.checked(idempotencyKey), request.validated())
                .value();
    }

    @GetMapping("/accounts/{id}")
    public Account account(@PathVariable String id) {
        return accounts.account(id).orElseThrow(() -> AlpacaException.notFound("account not found"));
    }

    /** The account's cash, and its buying power: the cash less what its open buy orders hold back. */
    @GetMapping("/trading/accounts/{id}/account")
    public TradingAccount trading(@PathVariable String id) {
        return accounts.trading(id)
                .orElseThrow(() -> AlpacaException.notFound("account not found"))
                .withBuyingPower(exchange.buyingPower(AlpacaBroker.PARTNER, id));
    }
}
