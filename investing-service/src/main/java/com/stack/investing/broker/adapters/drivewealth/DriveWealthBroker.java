package com.stack.investing.broker.adapters.drivewealth;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.stack.defaults.partners.drivewealth.DriveWealthAccessToken;
import com.stack.defaults.partners.drivewealth.DriveWealthApi;
import com.stack.defaults.partners.drivewealth.DriveWealthConnection;
import com.stack.defaults.partners.drivewealth.DriveWealthEvent;
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
 * DriveWealth's back-office order API as the {@link Broker}: {@code POST /orders} (a MARKET order by
 * {@code amountCash} for an equity bought or sold by amount, by {@code quantity} otherwise; an option as a LIMIT
 * order of {@code quantity} contracts at {@code price}), {@code DELETE /orders/{id}},
 * {@code GET /orders?clientOrderID=}, and the account's {@code summary/positions} and {@code summary/money}.
 * Placement carries investing's order id as {@code clientOrderID} and as the {@code Idempotency-Key}: DriveWealth
 * answers a repeated one with the order placed before, so retrying transient failures is safe. DriveWealth's
 * error bodies ({@code {errorCode, message}}) are translated here into the port's reasons.
 */
public class DriveWealthBroker implements Broker {

    public static final String PARTNER = "drivewealth";

    private static final Logger log = LoggerFactory.getLogger(DriveWealthBroker.class);

    private final DriveWealthApi api;
    private final WebClient web;

    public DriveWealthBroker(WebClient.Builder webClients, DriveWealthConnection connection) {
        this.api = new DriveWealthApi(
                webClients,
                connection,
                "drivewealth-orders",
                BrokerUnavailableException.class,
                BrokerRefusedException.class,
                BrokerUnavailableException::new,
                DriveWealthBroker::translate);
        this.web = api.web();
    }

    @Override
    public String partner() {
        return PARTNER;
    }

    @Override
    public Mono<Placed> place(Account account, OrderRequest request) {
        String what = "order " + request.clientOrderId();
        return Mono.fromCallable(() -> body(account, request))
                .flatMap(body -> call(
                                what,
                                bearer -> web.post()
                                        .uri("/orders")
                                        .headers(h ->
                                                DriveWealthAccessToken.authorize(h, bearer, request.clientOrderId()))
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .bodyValue(body)
                                        .retrieve()
                                        .onStatus(
                                                status -> !status.is2xxSuccessful(),
                                                response -> translate(what, response))
                                        .bodyToMono(OrderAnswer.class)
                                        .map(answer -> {
                                            if (answer.id() == null
                                                    || answer.id().isBlank()) {
                                                // the order may exist: placing it again with the same clientOrderID
                                                // finds it
                                                throw new BrokerUnavailableException(
                                                        "DriveWealth answered the " + what + " without an id", null);
                                            }
                                            return new Placed(answer.id());
                                        }))
                        .doOnNext(placed -> log.info(
                                "DriveWealth {}: {} {} {} for account {}",
                                what,
                                placed.brokerOrderId(),
                                body.side(),
                                body.symbol(),
                                account.accountNo())));
    }

    @Override
    public Mono<Void> cancel(Account account, String brokerOrderId) {
        String what = "cancel of order " + brokerOrderId;
        return call(
                what,
                bearer -> web.delete()
                        .uri("/orders/{id}", brokerOrderId)
                        .headers(h -> DriveWealthAccessToken.authorize(h, bearer, null))
                        // DriveWealth answers 400 to a cancel of an order that is final already: its report says how
                        .exchangeToMono(response -> BrokerAnswers.canceled(
                                response,
                                HttpStatus.BAD_REQUEST,
                                "DriveWealth",
                                brokerOrderId,
                                what,
                                DriveWealthBroker::translate)));
    }

    @Override
    public Mono<Optional<ExecutionReport>> find(Account account, UUID clientOrderId) {
        String what = "order read by client order id " + clientOrderId;
        return call(
                what,
                bearer -> web.get()
                        .uri(builder -> builder.path("/orders")
                                .queryParam("clientOrderID", clientOrderId)
                                .build())
                        .headers(h -> DriveWealthAccessToken.authorize(h, bearer, null))
                        .exchangeToMono(response ->
                                BrokerAnswers.found(response, what, DriveWealthBroker::translate, found -> {
                                    return found.bodyToMono(String.class).map(order -> {
                                        try {
                                            return DriveWealthOrderEvents.report(
                                                    null, DriveWealthOrderEvents.order(order));
                                        } catch (DriveWealthEvent.MalformedEventException e) {
                                            throw new BrokerUnavailableException(
                                                    "DriveWealth answered the " + what + " with " + e.getMessage(),
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
                bearer -> web.get()
                        .uri("/accounts/{id}/summary/positions", account.accountId())
                        .headers(h -> DriveWealthAccessToken.authorize(h, bearer, null))
                        .retrieve()
                        .onStatus(status -> !status.is2xxSuccessful(), response -> translate(what, response))
                        .bodyToMono(PositionsAnswer.class)
                        .map(answer -> answer.equityPositions() == null
                                ? List.<Holding>of()
                                : answer.equityPositions().stream()
                                        .map(position ->
                                                new Holding(position.symbol(), position.openQty(), position.avgPrice()))
                                        .toList()));
    }

    @Override
    public Mono<BigDecimal> cash(Account account) {
        String what = "money of account " + account.accountId();
        return call(
                what,
                bearer -> web.get()
                        .uri("/accounts/{id}/summary/money", account.accountId())
                        .headers(h -> DriveWealthAccessToken.authorize(h, bearer, null))
                        .retrieve()
                        .onStatus(status -> !status.is2xxSuccessful(), response -> translate(what, response))
                        .bodyToMono(MoneyAnswer.class)
                        .map(answer -> {
                            if (answer.cash() == null || answer.cash().cashBalance() == null) {
                                throw new BrokerUnavailableException(
                                        "DriveWealth answered the " + what + " without cash", null);
                            }
                            return answer.cash().cashBalance();
                        }));
    }

    /** The order as DriveWealth takes it: by amount (MARKET, amountCash), by quantity, or an option (LIMIT). */
    static OrderBody body(Account account, OrderRequest request) {
        String side = request.side() == OrderSide.BUY ? "BUY" : "SELL";
        if (request.assetClass() == AssetClass.OPTION) {
            if (request.quantity() == null || request.limitPrice() == null) {
                throw new BrokerRefusedException("INVALID_ORDER", "An option order needs a quantity and a limit price");
            }
            return new OrderBody(
                    account.accountNo(),
                    "LIMIT",
                    request.symbol(),
                    side,
                    request.quantity(),
                    null,
                    request.limitPrice().setScale(2, RoundingMode.UNNECESSARY),
                    request.clientOrderId().toString());
        }
        if (request.notionalUsd() != null) {
            return new OrderBody(
                    account.accountNo(),
                    "MARKET",
                    request.symbol(),
                    side,
                    null,
                    request.notionalUsd().setScale(2, RoundingMode.UNNECESSARY),
                    null,
                    request.clientOrderId().toString());
        }
        if (request.quantity() == null) {
            throw new BrokerRefusedException("INVALID_ORDER", "An equity order needs an amount or a quantity");
        }
        return new OrderBody(
                account.accountNo(),
                "MARKET",
                request.symbol(),
                side,
                request.quantity(),
                null,
                null,
                request.clientOrderId().toString());
    }

    private <T> Mono<T> call(String what, Function<String, Mono<T>> request) {
        return api.call(what, request);
    }

    /**
     * 5xx and 429 may pass; 401 replaces the token; 404 is an account DriveWealth does not have; a 400's
     * {@code errorCode} says why the order was refused (O016 funds, O029 position, I050 symbol).
     */
    private static Mono<Throwable> translate(String what, ClientResponse response) {
        int status = response.statusCode().value();
        return response.bodyToMono(ErrorAnswer.class)
                .onErrorResume(e -> Mono.empty())
                .defaultIfEmpty(new ErrorAnswer(null, null))
                .map(error -> {
                    String message = "DriveWealth " + what + ": HTTP " + status
                            + (error.errorCode() == null && error.message() == null
                                    ? ""
                                    : " (DriveWealth " + error.errorCode() + ": "
                                            + PartnerErrors.abbreviated(error.message()) + ")");
                    if (PartnerErrors.isTransient(status)) {
                        return new BrokerUnavailableException(message, null);
                    }
                    if (status == HttpStatus.UNAUTHORIZED.value()) {
                        return new DriveWealthAccessToken.TokenRejectedException(message);
                    }
                    log.warn("DriveWealth refused the {}: {}", what, message);
                    return new BrokerRefusedException(code(status, error.errorCode()), message);
                });
    }

    static String code(int status, String errorCode) {
        if (status == HttpStatus.NOT_FOUND.value()) {
            return "UNKNOWN_ACCOUNT";
        }
        return switch (errorCode == null ? "" : errorCode) {
            case "O016" -> "INSUFFICIENT_BUYING_POWER";
            case "O029" -> "INSUFFICIENT_QUANTITY";
            case "I050" -> "UNKNOWN_SYMBOL";
            default -> "INVALID_ORDER";
        };
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OrderBody(
            String accountNo,
            String orderType,
            String symbol,
            String side,
            BigDecimal quantity,
            BigDecimal amountCash,
            BigDecimal price,
            String clientOrderID) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record OrderAnswer(String id, String orderNo, String clientOrderID, String status) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PositionsAnswer(List<PositionAnswer> equityPositions) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PositionAnswer(String symbol, BigDecimal openQty, BigDecimal avgPrice) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record MoneyAnswer(CashAnswer cash) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CashAnswer(BigDecimal cashBalance, BigDecimal cashAvailableForTrade) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorAnswer(String errorCode, String message) {}
}
