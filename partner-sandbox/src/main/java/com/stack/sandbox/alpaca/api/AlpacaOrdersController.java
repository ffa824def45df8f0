package com.stack.sandbox.alpaca.api;

import java.util.List;

import com.stack.sandbox.alpaca.app.Accounts;
import com.stack.sandbox.alpaca.app.AlpacaBroker;
import com.stack.sandbox.alpaca.domain.AlpacaException;
import com.stack.sandbox.alpaca.domain.AlpacaOrder;
import com.stack.sandbox.market.app.Exchange;
import com.stack.sandbox.market.domain.Order;
import com.stack.sandbox.market.domain.OrderRefusedException;
import com.stack.sandbox.market.domain.Position;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Alpaca's trading API for an account under {@value AlpacaApi#BASE_PATH}: orders (placed at the
 * sandbox's exchange, reported on the trade event stream) and positions.
 */
@RestController
@RequestMapping(
        path = AlpacaApi.BASE_PATH + "/v1/trading/accounts/{accountId}",
        produces = MediaType.APPLICATION_JSON_VALUE)
public class AlpacaOrdersController {

    static final String INSUFFICIENT_BUYING_POWER = "insufficient buying power";
    static final String INSUFFICIENT_QUANTITY = "insufficient qty available for order";

    private final Accounts accounts;
    private final Exchange exchange;

    public AlpacaOrdersController(Accounts accounts, Exchange exchange) {
        this.accounts = accounts;
        this.exchange = exchange;
    }

    /** A position as {@code GET /positions} lists it: decimal strings. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PositionView(
            String symbol, String qty, String avgEntryPrice, String marketValue, String costBasis, String assetClass) {}

    /** 200 with the order, {@code accepted}; a client order id used before is a 422. */
    @PostMapping(path = "/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
    public AlpacaOrder place(@PathVariable String accountId, @RequestBody CreateOrderRequest request) {
        known(accountId);
        Exchange.Placement placement;
        try {
            placement = exchange.place(request.validated(accountId));
        } catch (OrderRefusedException refused) {
            throw switch (refused.reason()) {
                case INSUFFICIENT_BUYING_POWER -> AlpacaException.forbidden(INSUFFICIENT_BUYING_POWER);
                case INSUFFICIENT_QUANTITY -> AlpacaException.forbidden(INSUFFICIENT_QUANTITY);
                default -> AlpacaException.unprocessable(refused.getMessage());
            };
        }
        if (placement.existing()) {
            throw AlpacaException.unprocessable("client_order_id must be unique");
        }
        return AlpacaOrder.of(placement.order());
    }

    @GetMapping("/orders/{orderId}")
    public AlpacaOrder order(@PathVariable String accountId, @PathVariable String orderId) {
        known(accountId);
        return exchange.order(orderId)
                .filter(order -> ours(order, accountId))
                .map(AlpacaOrder::of)
                .orElseThrow(() -> AlpacaException.notFound("order not found"));
    }

    @GetMapping("/orders:by_client_order_id")
    public AlpacaOrder byClientOrderId(
            @PathVariable String accountId, @RequestParam(name = "client_order_id") String clientOrderId) {
        known(accountId);
        return exchange.byClientOrderId(AlpacaBroker.PARTNER, clientOrderId)
                .filter(order -> ours(order, accountId))
                .map(AlpacaOrder::of)
                .orElseThrow(() -> AlpacaException.notFound("order not found"));
    }

    /** 204; the cancel follows after a short delay, on the trade event stream. An order that already ended is a 422. */
    @DeleteMapping("/orders/{orderId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void cancel(@PathVariable String accountId, @PathVariable String orderId) {
        known(accountId);
        try {
            if (exchange.cancel(accountId, orderId)
                    .filter(order -> ours(order, accountId))
                    .isEmpty()) {
                throw AlpacaException.notFound("order not found");
            }
        } catch (OrderRefusedException ended) {
            throw AlpacaException.unprocessable(ended.getMessage());
        }
    }

    @GetMapping("/positions")
    public List<PositionView> positions(@PathVariable String accountId) {
        known(accountId);
        return exchange.positions(accountId).stream().map(this::view).toList();
    }

    private PositionView view(Position position) {
        return new PositionView(
                position.instrument().symbol(),
                Order.quantity(position.quantity()).toPlainString(),
                Order.price(position.averageEntryPrice()).toPlainString(),
                position.marketValue(exchange.priceNow(position.instrument())).toPlainString(),
                position.costBasis().toPlainString(),
                AlpacaOrder.assetClass(position.instrument().assetClass()));
    }

    private void known(String accountId) {
        if (accounts.account(accountId).isEmpty() || accounts.isFirm(accountId)) {
            throw AlpacaException.notFound("account not found");
        }
    }

    private static boolean ours(Order order, String accountId) {
        return order.partner().equals(AlpacaBroker.PARTNER) && order.accountId().equals(accountId);
    }
}
