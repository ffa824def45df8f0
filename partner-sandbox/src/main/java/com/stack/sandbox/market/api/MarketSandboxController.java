package com.stack.sandbox.market.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.stack.sandbox.market.app.Exchange;
import com.stack.sandbox.market.app.FillBehaviours;
import com.stack.sandbox.market.app.MarketClock;
import com.stack.sandbox.market.app.Prices;
import com.stack.sandbox.market.domain.FillBehaviour;
import com.stack.sandbox.market.domain.FillMode;
import com.stack.sandbox.market.domain.Order;
import com.stack.sandbox.partners.ControlError;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;

/**
 * The sandbox's control API for its market (no partner has one): how each symbol's orders fill, the
 * market clock, prices, and every order of both brokers for test assertions. No credentials.
 */
@RestController
@RequestMapping(path = "/sandbox/market", produces = MediaType.APPLICATION_JSON_VALUE)
public class MarketSandboxController {

    private final FillBehaviours behaviours;
    private final Exchange exchange;
    private final MarketClock clock;
    private final Prices prices;

    public MarketSandboxController(FillBehaviours behaviours, Exchange exchange, MarketClock clock, Prices prices) {
        this.behaviours = behaviours;
        this.exchange = exchange;
        this.clock = clock;
        this.prices = prices;
    }

    /**
     * How the market answers the next orders of a symbol.
     *
     * @param mode FILL, SPLIT, PARTIAL, REST or REJECT
     * @param fraction of a PARTIAL fill, 0.5 when absent
     */
    public record Behaviour(String mode, BigDecimal fraction) {}

    /** @param forced "open" or "closed" when the control API forced it, else absent */
    public record ClockView(boolean isOpen, String hours, String forced) {}

    public record PriceView(String symbol, BigDecimal price, BigDecimal previousClose) {}

    /** An order of either broker: {@code partner} "alpaca" or "drivewealth"; {@code cost} by the cash rule. */
    public record OrderView(
            String partner,
            String id,
            String clientOrderId,
            String accountId,
            String accountNo,
            String symbol,
            String side,
            String type,
            String status,
            String filledQty,
            String filledAvgPrice,
            String cost,
            String reason) {

        static OrderView of(Order order) {
            return new OrderView(
                    order.partner(),
                    order.id(),
                    order.clientOrderId(),
                    order.accountId(),
                    order.accountNo(),
                    order.instrument().symbol(),
                    order.side().name(),
                    order.type().name(),
                    order.status().name(),
                    Order.quantity(order.filledQuantity()).toPlainString(),
                    order.averagePrice() == null ? null : order.averagePrice().toPlainString(),
                    order.cost().toPlainString(),
                    order.reason());
        }
    }

    public record OrderListing(int count, List<OrderView> orders) {}

    @GetMapping("/behaviour/{symbol}")
    public Behaviour behaviour(@PathVariable String symbol) {
        FillBehaviour behaviour = behaviours.of(symbol);
        return new Behaviour(behaviour.mode().name(), behaviour.fraction());
    }

    /** Applies to orders that start working from now on. */
    @PutMapping(path = "/behaviour/{symbol}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> setBehaviour(@PathVariable String symbol, @RequestBody Behaviour request) {
        FillMode mode;
        try {
            mode = FillMode.valueOf(String.valueOf(request.mode()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return ResponseEntity.badRequest()
                    .body(ControlError.invalid("mode", "mode must be FILL, SPLIT, PARTIAL, REST or REJECT"));
        }
        if (request.fraction() != null
                && (request.fraction().signum() <= 0 || request.fraction().compareTo(BigDecimal.ONE) >= 0)) {
            return ResponseEntity.badRequest()
                    .body(ControlError.invalid("fraction", "fraction must be above 0 and below 1"));
        }
        behaviours.set(symbol, new FillBehaviour(mode, request.fraction()));
        return ResponseEntity.ok(behaviour(symbol));
    }

    /** Every symbol back to FILL. */
    @DeleteMapping("/behaviour")
    public ResponseEntity<Void> resetBehaviours() {
        behaviours.reset();
        return ResponseEntity.noContent().build();
    }

    /** Forces the market open: orders waiting for the open start working. */
    @PostMapping("/open")
    public ClockView open() {
        exchange.force(Optional.of(true));
        return clock();
    }

    /** Forces the market closed: every open order expires (reported), new ones wait for the open. */
    @PostMapping("/close")
    public ClockView close() {
        exchange.force(Optional.of(false));
        return clock();
    }

    /** Back to the configured hours (and acts on the change, as opening or closing does). */
    @DeleteMapping("/clock")
    public ClockView followHours() {
        exchange.force(Optional.empty());
        return clock();
    }

    @GetMapping("/clock")
    public ClockView clock() {
        return new ClockView(
                exchange.isOpen(),
                clock.hours().wireName(),
                clock.forced().map(open -> open ? "open" : "closed").orElse(null));
    }

    @GetMapping("/prices/{symbol}")
    public ResponseEntity<?> price(@PathVariable String symbol) {
        return prices.quote(symbol, clock.now())
                .<ResponseEntity<?>>map(
                        quote -> ResponseEntity.ok(new PriceView(symbol, quote.price(), quote.previousClose())))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .body(ControlError.notFound("no quote for " + symbol)));
    }

    /** Every order of both brokers, oldest first; of one account with {@code accountId} (an account id or number). */
    @GetMapping("/orders")
    public OrderListing orders(@RequestParam(required = false) String accountId) {
        List<OrderView> found = exchange
                .orders(order ->
                        accountId == null || accountId.equals(order.accountId()) || accountId.equals(order.accountNo()))
                .stream()
                .map(OrderView::of)
                .toList();
        return new OrderListing(found.size(), found);
    }

    @ExceptionHandler(ServerWebInputException.class)
    public ResponseEntity<ControlError> unreadable(ServerWebInputException e) {
        return ResponseEntity.badRequest()
                .body(ControlError.invalid(null, "the body must be a JSON object of this request"));
    }
}
