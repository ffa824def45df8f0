package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The order saga end to end through a gateway, as a user sees it and as the money moves: a real deposit becomes
 * buying power, orders go through funding's hold to the broker's sandbox market, fills come back on the broker's
 * event channel, and funding's ledger ends with nothing held once every order is final. Run once per partner set
 * ({@link OrderJourneyDriveWealthTest}, {@link OrderJourneyAlpacaTest}).
 */
abstract class OrderJourney {

    abstract OrderFlows flows();

    @AfterEach
    void marketBackToNormal() {
        flows().resetMarket();
        flows().deposits().clearFaults();
    }

    @Test
    void aBasketBuyIsSplitByWeightFilledIntoPositionsAndASellCreditsBuyingPower() {
        OrderFlows flows = flows();
        GatewayClient client = flows.fundedUser("500.00");
        Map<String, Object> basket = flows.basket("GROWTH");

        String id = flows.placed(client, OrderFlows.basketOrder((String) basket.get("id"), "BUY", "100.01"));

        Map<String, Object> order = flows.awaitStatus(client, id, "FILLED");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> children = (List<Map<String, Object>>) order.get("children");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> composition = (List<Map<String, Object>>) basket.get("composition");
        assertThat(children)
                .extracting(child -> child.get("symbol"))
                .containsExactlyInAnyOrderElementsOf(
                        composition.stream().map(weight -> weight.get("symbol")).toList());
        assertThat(children.stream()
                        .map(child -> OrderFlows.decimal(child, "amountUsd"))
                        .reduce(BigDecimal.ZERO, BigDecimal::add))
                .as("children sum exactly to the basket order")
                .isEqualByComparingTo("100.01");
        assertThat(children).allSatisfy(child -> assertThat(child).containsEntry("status", "FILLED"));
        BigDecimal filled = OrderFlows.decimal(order, "filledAmountUsd");
        assertThat(filled)
                .isEqualByComparingTo(children.stream()
                        .map(child -> OrderFlows.decimal(child, "filledAmountUsd"))
                        .reduce(BigDecimal.ZERO, BigDecimal::add));
        assertThat(filled).isPositive().isLessThanOrEqualTo(new BigDecimal("100.01"));

        // buying power is reduced by exactly what was filled; the unfilled cent(s) of rounding come back
        BigDecimal afterBuy = new BigDecimal("500.00").subtract(filled);
        org.awaitility.Awaitility.await()
                .atMost(OrderFlows.WITHIN)
                .untilAsserted(() ->
                        assertThat(new BigDecimal(flows.buyingPower(client))).isEqualByComparingTo(afterBuy));
        // investing's cash is funding's buying power as its events reach investing: wait for investing's own figure
        Map<String, Object> portfolio = org.awaitility.Awaitility.await()
                .atMost(OrderFlows.WITHIN)
                .until(
                        () -> flows.portfolio(client),
                        found -> OrderFlows.decimal(found, "cashUsd").compareTo(afterBuy) == 0);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> positions = (List<Map<String, Object>>) portfolio.get("positions");
        assertThat(positions)
                .extracting(position -> position.get("symbol"))
                .containsExactlyInAnyOrderElementsOf(
                        composition.stream().map(weight -> weight.get("symbol")).toList());
        BigDecimal invested = positions.stream()
                .map(position -> OrderFlows.decimal(position, "marketValue"))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(OrderFlows.decimal(portfolio, "totalValueUsd")).isEqualByComparingTo(afterBuy.add(invested));
        assertThat(positions.stream()
                        .map(position -> OrderFlows.decimal(position, "costBasisUsd"))
                        .reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(filled);
        flows.assertSettled(client);

        // the user's orders list the basket order, not its children
        List<Map<String, Object>> listed = client.graphQl(
                        "{ me { orders(first: 10) { edges { node { id status } } } } }")
                .at("me.orders.edges");
        assertThat(listed)
                .extracting(edge -> (Object) ((Map<?, ?>) edge.get("node")).get("id"))
                .containsExactly(id);

        // sell part of one holding: its proceeds are credited to buying power, exactly
        String symbol = (String) children.get(0).get("symbol");
        String sellId = flows.placed(client, OrderFlows.symbolOrder(symbol, "SELL", "10.00"));
        Map<String, Object> sell = flows.awaitStatus(client, sellId, "FILLED");
        BigDecimal proceeds = OrderFlows.decimal(sell, "filledAmountUsd");
        assertThat(proceeds).isPositive();
        org.awaitility.Awaitility.await()
                .atMost(OrderFlows.WITHIN)
                .untilAsserted(() -> assertThat(new BigDecimal(flows.buyingPower(client)))
                        .isEqualByComparingTo(afterBuy.add(proceeds)));
        flows.assertSettled(client);
    }

    @Test
    void aStockOrderAndAnOptionOrderAreFilled() {
        OrderFlows flows = flows();
        GatewayClient client = flows.fundedUser("3000.00");

        String stock = flows.placed(client, OrderFlows.symbolOrder("MSFT", "BUY", "25.00"));
        Map<String, Object> stockOrder = flows.awaitStatus(client, stock, "FILLED");
        assertThat(stockOrder).containsEntry("assetType", "STOCK").containsEntry("symbol", "MSFT");
        assertThat(new BigDecimal((String) stockOrder.get("filledQuantity"))).isPositive();

        // a call a few months out, struck well above the price: cheap, and priced per contract x 100
        LocalDate expiry = LocalDate.now().plusMonths(4).withDayOfMonth(15);
        String option = flows.placed(
                client, OrderFlows.optionOrder("MSFT", expiry.toString(), "900", "CALL", 1, "BUY", "2500.00"));
        Map<String, Object> optionOrder = flows.awaitStatus(client, option, "FILLED");
        assertThat(optionOrder).containsEntry("assetType", "OPTION");
        @SuppressWarnings("unchecked")
        Map<String, Object> contract = (Map<String, Object>) optionOrder.get("option");
        assertThat((String) contract.get("symbol")).startsWith("MSFT").contains("C00900000");
        BigDecimal premium = OrderFlows.decimal(optionOrder, "filledAmountUsd");
        assertThat(premium).isPositive().isLessThanOrEqualTo(new BigDecimal("2500.00"));
        assertThat(premium)
                .isEqualByComparingTo(new BigDecimal((String) optionOrder.get("averagePrice"))
                        .multiply(BigDecimal.valueOf(100))
                        .setScale(2, java.math.RoundingMode.HALF_EVEN));

        BigDecimal expected = new BigDecimal("3000.00")
                .subtract(OrderFlows.decimal(stockOrder, "filledAmountUsd"))
                .subtract(premium);
        org.awaitility.Awaitility.await()
                .atMost(OrderFlows.WITHIN)
                .untilAsserted(() ->
                        assertThat(new BigDecimal(flows.buyingPower(client))).isEqualByComparingTo(expected));
        // the contract is a position of its own: one contract, its cost the premium paid
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> positions =
                (List<Map<String, Object>>) flows.portfolio(client).get("positions");
        assertThat(positions)
                .filteredOn(position -> "OPTION".equals(position.get("assetType")))
                .singleElement()
                .satisfies(position -> {
                    assertThat(position).containsEntry("symbol", contract.get("symbol"));
                    assertThat(OrderFlows.decimal(position, "quantity"))
                            .isEqualByComparingTo("1")
                            .isEqualByComparingTo(new BigDecimal((String) optionOrder.get("filledQuantity")));
                    assertThat(OrderFlows.decimal(position, "costBasisUsd")).isEqualByComparingTo(premium);
                });
        assertThat(positions)
                .filteredOn(position -> "MSFT".equals(position.get("symbol")))
                .singleElement()
                .satisfies(position -> assertThat(position).containsEntry("assetType", "STOCK"));
        flows.assertSettled(client);
    }

    @Test
    void aPartialFillThenACancelReleasesExactlyTheUnfilledRemainder() {
        OrderFlows flows = flows();
        GatewayClient client = flows.fundedUser("200.00");
        flows.marketBehaviour("PRTL", "PARTIAL");

        String id = flows.placed(client, OrderFlows.symbolOrder("PRTL", "BUY", "40.00"));
        flows.awaitStatus(client, id, "PARTIALLY_FILLED");
        assertThat(flows.cancel(client, id).errors()).isEmpty();

        Map<String, Object> order = flows.awaitStatus(client, id, "CANCELED");
        BigDecimal filled = OrderFlows.decimal(order, "filledAmountUsd");
        assertThat(filled).isPositive().isLessThan(new BigDecimal("40.00"));
        org.awaitility.Awaitility.await()
                .atMost(OrderFlows.WITHIN)
                .untilAsserted(() -> assertThat(new BigDecimal(flows.buyingPower(client)))
                        .isEqualByComparingTo(new BigDecimal("200.00").subtract(filled)));
        flows.assertSettled(client);
        // a final order cannot be canceled again
        assertThat(flows.cancel(client, id).errors())
                .extracting(error -> error.get("extensions").toString())
                .anySatisfy(extensions -> assertThat(extensions).contains("ORDER_NOT_CANCELABLE"));
    }

    @Test
    void fiftyConcurrentOrdersOfAUserWhoseBuyingPowerCoversTenAcceptExactlyTen() throws Exception {
        OrderFlows flows = flows();
        GatewayClient client = flows.fundedUser("100.00");
        String userId = flows.userId(client);

        // funding's ledger, sampled while the orders are in flight: the user's accounts never go below zero
        List<BigDecimal> samples = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean sampling = new AtomicBoolean(true);
        CompletableFuture<Void> sampler = CompletableFuture.runAsync(() -> {
            while (sampling.get()) {
                samples.add(flows.ledgerBalance(userId, "user_buying_power"));
                samples.add(flows.ledgerBalance(userId, "user_pending_order"));
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<GatewayClient.Response> responses = Collections.synchronizedList(new ArrayList<>());
        List<String> accepted = new ArrayList<>();
        int refused = 0;
        List<Map<String, Object>> finals;
        try {
            try {
                CompletableFuture.allOf(IntStream.range(0, 50)
                                .mapToObj(i -> CompletableFuture.runAsync(
                                        () -> responses.add(
                                                flows.place(client, OrderFlows.symbolOrder("CONC", "BUY", "10.00"))),
                                        pool))
                                .toArray(CompletableFuture[]::new))
                        .get();
            } finally {
                pool.shutdown();
            }
            assertThat(responses).hasSize(50);
            for (GatewayClient.Response response : responses) {
                if (response.errors().isEmpty()) {
                    accepted.add(response.at("placeOrder.id"));
                } else {
                    assertThat(response.errors().toString()).contains("INSUFFICIENT_BUYING_POWER");
                    refused++;
                }
            }
            // an order accepted at once may still be refused by funding's hold, the authority: count final states
            finals = accepted.stream().map(id -> flows.awaitFinal(client, id)).toList();
        } finally {
            sampling.set(false);
            sampler.get();
        }

        // exactly 10 accepted: of the 50 answers, those placed and then refused by funding's hold count as refused
        long filled = finals.stream()
                .filter(order -> "FILLED".equals(order.get("status")))
                .count();
        long refusedLater = finals.stream()
                .filter(order -> "FAILED".equals(order.get("status"))
                        && "INSUFFICIENT_BUYING_POWER".equals(order.get("failureReason")))
                .count();
        assertThat(finals)
                .as("every order placed ends FILLED or refused for buying power, nothing else")
                .hasSize((int) (filled + refusedLater));
        assertThat(filled).as("accepted").isEqualTo(10);
        assertThat(refused + refusedLater)
                .as("refused, at once or by funding's hold")
                .isEqualTo(40);
        assertThat(accepted.size() + refused).isEqualTo(50);
        assertThat(samples)
                .as("ledger samples during the burst")
                .hasSizeGreaterThan(10)
                .allSatisfy(balance -> assertThat(balance).isGreaterThanOrEqualTo(BigDecimal.ZERO));
        flows.assertSettled(client);
        assertThat(new BigDecimal(flows.buyingPower(client))).isGreaterThanOrEqualTo(BigDecimal.ZERO);
    }

    @Test
    void anotherUsersOrderIsNotFound() {
        OrderFlows flows = flows();
        GatewayClient owner = flows.fundedUser("50.00");
        String id = flows.placed(owner, OrderFlows.symbolOrder("AAPL", "BUY", "5.00"));
        GatewayClient stranger = flows.deposits().approvedUserWithWallets();

        GatewayClient.Response read =
                stranger.graphQl("query($id: ID!) { order(id: $id) { id status } }", Map.of("id", id));
        assertThat(read.<Object>at("order")).isNull();
        GatewayClient.Response cancel = flows.cancel(stranger, id);
        assertThat(cancel.errors().toString()).contains("NOT_FOUND");
        assertThat(flows.awaitFinal(owner, id)).containsEntry("status", "FILLED");
    }
}
