package com.stack.sandbox.drivewealth.api;

import java.util.Map;

import com.stack.sandbox.drivewealth.app.DriveWealthAccounts;
import com.stack.sandbox.drivewealth.app.DriveWealthBroker;
import com.stack.sandbox.drivewealth.domain.Account;
import com.stack.sandbox.drivewealth.domain.DriveWealthException;
import com.stack.sandbox.drivewealth.domain.DriveWealthOrder;
import com.stack.sandbox.market.app.Exchange;
import com.stack.sandbox.market.domain.NewOrder;
import com.stack.sandbox.market.domain.Order;
import com.stack.sandbox.market.domain.OrderRefusedException;
import com.stack.sandbox.partners.IdempotencyStore;
import com.stack.sandbox.partners.IdempotencyStore.Outcome;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * DriveWealth's orders, placed at the sandbox's exchange; their changes go to the order events queue.
 * A repeated {@code clientOrderID} answers the order it made (200, same id); an Idempotency-Key works
 * as for deposits (the same order for the same request, 422 E041 for another).
 */
@RestController
@RequestMapping(path = DriveWealthApi.BASE_PATH + "/orders", produces = MediaType.APPLICATION_JSON_VALUE)
public class OrdersController {

    private final IdempotencyStore<NewOrder, String> idempotency = new IdempotencyStore<>();
    private final DriveWealthAccounts accounts;
    private final Exchange exchange;

    public OrdersController(DriveWealthAccounts accounts, Exchange exchange) {
        this.accounts = accounts;
        this.exchange = exchange;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public DriveWealthOrder place(
            @RequestHeader(name = DriveWealthApi.IDEMPOTENCY_KEY_HEADER, required = false) String idempotencyKey,
            @RequestBody OrderRequest request) {
        Account account = accounts.byAccountNo(request.accountNo() == null ? "" : request.accountNo())
                .orElseThrow(() -> DriveWealthException.notFound("No account " + request.accountNo()));
        NewOrder order = request.validated(account);
        String key = DriveWealthApi.checkedKey(idempotencyKey);
        try {
            if (key == null) {
                return DriveWealthOrder.of(exchange.place(order).order());
            }
            Outcome<String> outcome = idempotency.execute(
                    key, order, () -> exchange.place(order).order().id());
            if (outcome.kind() == Outcome.Kind.CONFLICT) {
                throw DriveWealthException.idempotencyKeyReused();
            }
            return DriveWealthOrder.of(exchange.order(outcome.value()).orElseThrow());
        } catch (OrderRefusedException refused) {
            throw switch (refused.reason()) {
                case INSUFFICIENT_BUYING_POWER ->
                    DriveWealthException.orderRefused(
                            DriveWealthException.ORDER_INSUFFICIENT_FUNDS, "insufficient funds");
                case INSUFFICIENT_QUANTITY, TOO_SMALL ->
                    DriveWealthException.orderRefused(
                            DriveWealthException.ORDER_INSUFFICIENT_POSITION,
                            "insufficient position: " + refused.getMessage());
                default ->
                    DriveWealthException.orderRefused(DriveWealthException.UNKNOWN_INSTRUMENT, refused.getMessage());
            };
        }
    }

    @GetMapping("/{id}")
    public DriveWealthOrder order(@PathVariable String id) {
        return DriveWealthOrder.of(find(id));
    }

    /** {@code GET /orders?clientOrderID=...}: the order, or 404. */
    @GetMapping
    public DriveWealthOrder byClientOrderId(@RequestParam(name = "clientOrderID") String clientOrderId) {
        return exchange.byClientOrderId(DriveWealthBroker.PARTNER, clientOrderId)
                .map(DriveWealthOrder::of)
                .orElseThrow(() -> DriveWealthException.notFound("No order with clientOrderID " + clientOrderId));
    }

    /** 200; the cancel follows after a short delay, as an event. An order that already ended is a 400. */
    @DeleteMapping("/{id}")
    public Map<String, String> cancel(@PathVariable String id) {
        Order order = find(id);
        try {
            exchange.cancel(order.accountId(), order.id());
        } catch (OrderRefusedException ended) {
            throw DriveWealthException.orderRefused(
                    DriveWealthException.ORDER_NOT_CANCELABLE, "Order cannot be canceled: " + ended.getMessage());
        }
        return Map.of("orderID", DriveWealthOrder.ID_PREFIX + order.id(), "status", "PENDING_CANCEL");
    }

    private Order find(String id) {
        return DriveWealthOrder.exchangeId(id)
                .flatMap(exchange::order)
                .filter(order -> order.partner().equals(DriveWealthBroker.PARTNER))
                .orElseThrow(() -> DriveWealthException.notFound("No order " + id));
    }
}
