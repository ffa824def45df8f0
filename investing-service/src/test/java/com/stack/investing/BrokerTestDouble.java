package com.stack.investing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.stack.investing.broker.app.Broker;
import com.stack.investing.broker.app.ExecutionReport;
import com.stack.investing.broker.app.MarketData;
import reactor.core.publisher.Mono;

/**
 * The broker and its market data for investing's tests: remembers every order placed (once per client order id, as
 * the real ones do), answers {@link #find} with what the test last reported for the order, and can be told to refuse
 * or to be unavailable for a symbol. Prices are fixed per symbol.
 */
public class BrokerTestDouble implements Broker, MarketData {

    public final Map<UUID, OrderRequest> placed = new ConcurrentHashMap<>();
    public final List<UUID> placeCalls = new CopyOnWriteArrayList<>();
    public final List<String> cancels = new CopyOnWriteArrayList<>();
    public final Map<UUID, ExecutionReport> state = new ConcurrentHashMap<>();
    public final Map<String, String> refuse = new ConcurrentHashMap<>();
    public final Set<String> unavailable = ConcurrentHashMap.newKeySet();
    public final Map<String, Quote> quotes = new ConcurrentHashMap<>(Map.of(
            "VTI",
            quote("VTI", "210.00", "209.00"),
            "BND",
            quote("BND", "72.50", "72.00"),
            "AAPL",
            quote("AAPL", "200.00", "198.00"),
            "QQQ",
            quote("QQQ", "400.00", "401.00"),
            "VXUS",
            quote("VXUS", "60.00", "60.00")));

    private static final java.util.concurrent.atomic.AtomicLong EVENTS = new java.util.concurrent.atomic.AtomicLong();

    public static Quote quote(String symbol, String price, String previousClose) {
        return new Quote(symbol, new BigDecimal(price), new BigDecimal(previousClose), Instant.now());
    }

    public static String brokerId(UUID clientOrderId) {
        return "B-" + clientOrderId;
    }

    /** A report of the order as the broker would send it. */
    public static ExecutionReport report(UUID orderId, ExecutionReport.State state, String quantity, String price) {
        return new ExecutionReport(
                "test-" + EVENTS.incrementAndGet(),
                orderId,
                brokerId(orderId),
                state,
                new BigDecimal(quantity),
                price == null ? null : new BigDecimal(price),
                null,
                Instant.now());
    }

    @Override
    public String partner() {
        return "drivewealth";
    }

    @Override
    public Mono<Placed> place(Account account, OrderRequest request) {
        return Mono.defer(() -> {
            placeCalls.add(request.clientOrderId());
            if (unavailable.contains(request.symbol())) {
                return Mono.error(new BrokerUnavailableException("test: unavailable", null));
            }
            String code = refuse.get(request.symbol());
            if (code != null) {
                return Mono.error(new BrokerRefusedException(code, "test: refused"));
            }
            placed.putIfAbsent(request.clientOrderId(), request);
            state.putIfAbsent(
                    request.clientOrderId(),
                    report(request.clientOrderId(), ExecutionReport.State.ACCEPTED, "0", null));
            return Mono.just(new Placed(brokerId(request.clientOrderId())));
        });
    }

    @Override
    public Mono<Void> cancel(Account account, String brokerOrderId) {
        return Mono.fromRunnable(() -> cancels.add(brokerOrderId));
    }

    @Override
    public Mono<Optional<ExecutionReport>> find(Account account, UUID clientOrderId) {
        return Mono.fromSupplier(() -> Optional.ofNullable(state.get(clientOrderId)));
    }

    @Override
    public Mono<List<Holding>> positions(Account account) {
        return Mono.just(List.of());
    }

    @Override
    public Mono<BigDecimal> cash(Account account) {
        return Mono.just(BigDecimal.ZERO);
    }

    @Override
    public Mono<Map<String, Quote>> quotes(Set<String> symbols) {
        return Mono.fromSupplier(() -> {
            Map<String, Quote> known = new java.util.HashMap<>();
            symbols.forEach(symbol -> {
                if (quotes.containsKey(symbol)) {
                    known.put(symbol, quotes.get(symbol));
                }
            });
            return known;
        });
    }
}
