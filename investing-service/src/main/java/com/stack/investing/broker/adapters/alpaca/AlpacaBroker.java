package com.stack.investing.broker.adapters.alpaca;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.stack.defaults.partners.PartnerCalls;
import com.stack.defaults.partners.alpaca.AlpacaConnection;
import com.stack.defaults.resilience.PartnerErrors;
import com.stack.investing.broker.adapters.BrokerAnswers;
import com.stack.investing.broker.app.Broker;
import com.stack.investing.broker.app.ExecutionReport;
import com.stack.investing.shared.domain.OrderSide;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Alpaca's Broker API trading endpoints as the {@link Broker}: {@code POST /v1/trading/accounts/{id}/orders} (a
 * market order by {@code notional} for an equity bought or sold by amount, by {@code qty} otherwise; an option as
 * a limit order of whole contracts at {@code limit_price}), {@code DELETE .../orders/{orderId}},
 * {@code GET .../orders:by_client_order_id}, {@code .../positions} and {@code .../account}. HTTP Basic auth.
 * Investing's order id is the {@code client_order_id}: Alpaca refuses a second order under it (422), and the
 * adapter answers that refusal with the order placed before, so retrying transient failures is safe. Alpaca's
 * error bodies ({@code {code, message}}) are translated here into the port's reasons.
 */
public class AlpacaBroker implements Broker {

    public static final String PARTNER = "alpaca";

    private static final Logger log = LoggerFactory.getLogger(AlpacaBroker.class);
    private static final String DUPLICATE = "DUPLICATE_CLIENT_ORDER_ID";

    private final WebClient web;
    private final PartnerCalls calls;

    public AlpacaBroker(WebClient.Builder webClients, AlpacaConnection connection) {
        this.web = connection.client(webClients);
        this.calls = new PartnerCalls(
                "Alpaca",
                "alpaca-orders",
                connection.resilience(),
                BrokerUnavailableException.class,
                BrokerRefusedException.class,
                BrokerUnavailableException::new);
    }

    @Override
    public String partner() {
        return PARTNER;
    }

    @Override
    public Mono<Placed> place(Account account, OrderRequest request) {
        String what = "order " + request.clientOrderId();
        return Mono.fromCallable(() -> body(request))
                .flatMap(body -> call(
                                what,
                                web.post()
                                        .uri("/v1/trading/accounts/{id}/orders", account.accountId())
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .accept(MediaType.APPLICATION_JSON)
                                        .bodyValue(body)
                                        .retrieve()
                                        .onStatus(
                                                status -> !status.is2xxSuccessful(),
                                                response -> translate(what, response))
                                        .bodyToMono(AlpacaOrders.Order.class)
                                        .map(order -> {
                                            if (order.id() == null || order.id().isBlank()) {
                                                // the order may exist: placing it again finds it by its client order id
                                                throw new BrokerUnavailableException(
                                                        "Alpaca answered the " + what + " without an id", null);
                                            }
                                            return new Placed(order.id());
                                        }))
                        .doOnNext(placed -> log.info(
                                "Alpaca {}: {} {} {} for account {}",
                                what,
                                placed.brokerOrderId(),
                                body.side(),
                                body.symbol(),
                                account.accountId())))
                .onErrorResume(
                        e -> e instanceof BrokerRefusedException refused && DUPLICATE.equals(refused.code()),
                        e -> find(account, request.clientOrderId())
                                .map(found -> found.map(report -> new Placed(report.brokerOrderId()))
                                        .orElseThrow(() -> new BrokerUnavailableException(
                                                "Alpaca refused the " + what
                                                        + " as a duplicate but has no order under its client order id",
                                                e))));
    }

    @Override
    public Mono<Void> cancel(Account account, String brokerOrderId) {
        String what = "cancel of order " + brokerOrderId;
        return call(
                what,
                web.delete()
                        .uri("/v1/trading/accounts/{id}/orders/{orderId}", account.accountId(), brokerOrderId)
                        // Alpaca answers 422 to a cancel of an order that is final already: its report says how
                        .exchangeToMono(response -> BrokerAnswers.canceled(
                                response,
                                HttpStatus.UNPROCESSABLE_CONTENT,
                                "Alpaca",
                                brokerOrderId,
                                what,
                                AlpacaBroker::translate)));
    }

    @Override
    public Mono<Optional<ExecutionReport>> find(Account account, UUID clientOrderId) {
        String what = "order read by client order id " + clientOrderId;
        return call(
                what,
                web.get()
                        .uri(builder -> builder.path("/v1/trading/accounts/{id}/orders:by_client_order_id")
                                .queryParam("client_order_id", clientOrderId)
                                .build(account.accountId()))
                        .accept(MediaType.APPLICATION_JSON)
                        .exchangeToMono(response ->
                                BrokerAnswers.found(response, what, AlpacaBroker::translate, found -> {
                                    return found.bodyToMono(AlpacaOrders.Order.class)
                                            .map(order -> {
                                                try {
                                                    return AlpacaOrders.report(order);
                                                } catch (AlpacaOrders.MalformedEventException e) {
                                                    throw new BrokerUnavailableException(
                                                            "Alpaca answered the " + what + " with " + e.getMessage(),
                                                            null);
                                                }
                                            });
                                })));
    }

    @Override
    public Mono<List<Holding>> positions(Account account) {
        String what = "positions of account " + account.accountId();
        return call(
                what,
                web.get()
                        .uri("/v1/trading/accounts/{id}/positions", account.accountId())
                        .accept(MediaType.APPLICATION_JSON)
                        .retrieve()
                        .onStatus(status -> !status.is2xxSuccessful(), response -> translate(what, response))
                        .bodyToFlux(PositionAnswer.class)
                        .map(position -> new Holding(position.symbol(), position.qty(), position.avgEntryPrice()))
                        .collectList());
    }

    @Override
    public Mono<BigDecimal> cash(Account account) {
        String what = "trading account " + account.accountId();
        return call(
                what,
                web.get()
                        .uri("/v1/trading/accounts/{id}/account", account.accountId())
                        .accept(MediaType.APPLICATION_JSON)
                        .retrieve()
                        .onStatus(status -> !status.is2xxSuccessful(), response -> translate(what, response))
                        .bodyToMono(AccountAnswer.class)
                        .map(answer -> {
                            if (answer.cash() == null) {
                                throw new BrokerUnavailableException(
                                        "Alpaca answered the " + what + " without cash", null);
                            }
                            return answer.cash();
                        }));
    }

    /** The order as Alpaca takes it: by notional or quantity (market), or an option (limit, whole contracts). */
    static OrderBody body(OrderRequest request) {
        String side = request.side() == OrderSide.BUY ? "buy" : "sell";
        String clientOrderId = request.clientOrderId().toString();
        if (request.assetClass() == AssetClass.OPTION) {
            if (request.quantity() == null || request.limitPrice() == null) {
                throw new BrokerRefusedException("INVALID_ORDER", "An option order needs a quantity and a limit price");
            }
            return new OrderBody(
                    request.symbol(),
                    request.quantity().stripTrailingZeros().toPlainString(),
                    null,
                    side,
                    "limit",
                    "day",
                    request.limitPrice().setScale(2, RoundingMode.UNNECESSARY).toPlainString(),
                    clientOrderId);
        }
        if (request.notionalUsd() != null) {
            return new OrderBody(
                    request.symbol(),
                    null,
                    request.notionalUsd().setScale(2, RoundingMode.UNNECESSARY).toPlainString(),
                    side,
                    "market",
                    "day",
                    null,
                    clientOrderId);
        }
        if (request.quantity() == null) {
            throw new BrokerRefusedException("INVALID_ORDER", "An equity order needs an amount or a quantity");
        }
        return new OrderBody(
                request.symbol(),
                request.quantity().stripTrailingZeros().toPlainString(),
                null,
                side,
                "market",
                "day",
                null,
                clientOrderId);
    }

    private <T> Mono<T> call(String what, Mono<T> attempt) {
        return calls.call(what, attempt);
    }

    /**
     * 5xx and 429 may pass; 404 is an account Alpaca does not have; 403 and 422 say why by their message
     * (buying power, quantity, symbol, a client order id used before).
     */
    private static Mono<Throwable> translate(String what, ClientResponse response) {
        int status = response.statusCode().value();
        return response.bodyToMono(ErrorAnswer.class)
                .onErrorResume(e -> Mono.empty())
                .defaultIfEmpty(new ErrorAnswer(null, null))
                .map(error -> {
                    String message = "Alpaca " + what + ": HTTP " + status
                            + (error.message() == null
                                    ? ""
                                    : " (Alpaca " + error.code() + ": " + PartnerErrors.abbreviated(error.message())
                                            + ")");
                    if (PartnerErrors.isTransient(status)) {
                        return new BrokerUnavailableException(message, null);
                    }
                    String code = code(status, error.message());
                    if (!DUPLICATE.equals(code)) {
                        log.warn("Alpaca refused the {}: {}", what, message);
                    }
                    return new BrokerRefusedException(code, message);
                });
    }

    static String code(int status, String message) {
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (status == HttpStatus.NOT_FOUND.value()) {
            return "UNKNOWN_ACCOUNT";
        }
        if (text.contains("client_order_id") && (text.contains("duplicate") || text.contains("unique"))) {
            return DUPLICATE;
        }
        if (text.contains("insufficient buying power")) {
            return "INSUFFICIENT_BUYING_POWER";
        }
        if (text.contains("insufficient qty")) {
            return "INSUFFICIENT_QUANTITY";
        }
        if (text.contains("unknown symbol") || (text.contains("asset") && text.contains("not found"))) {
            return "UNKNOWN_SYMBOL";
        }
        return "INVALID_ORDER";
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OrderBody(
            String symbol,
            String qty,
            String notional,
            String side,
            String type,
            @JsonProperty("time_in_force") String timeInForce,
            @JsonProperty("limit_price") String limitPrice,
            @JsonProperty("client_order_id") String clientOrderId) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PositionAnswer(
            String symbol,
            BigDecimal qty,
            @JsonProperty("avg_entry_price") BigDecimal avgEntryPrice) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AccountAnswer(
            BigDecimal cash, @JsonProperty("buying_power") BigDecimal buyingPower) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorAnswer(Long code, String message) {}
}
