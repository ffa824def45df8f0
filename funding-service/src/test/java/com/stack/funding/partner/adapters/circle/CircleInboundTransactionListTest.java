package com.stack.funding.partner.adapters.circle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.stack.funding.deposit.app.InboundTransferListing.Listed;
import com.stack.funding.deposit.domain.ChainConfirmation;
import com.stack.funding.partner.adapters.PartnerCallException;
import com.stack.funding.partner.adapters.PartnerSandbox;
import com.stack.funding.shared.domain.Chain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Circle's list of inbound transactions, against the partner sandbox over HTTP: transfers the simulated chain
 * brought into a wallet of the sandbox are read back page after page, each once, as the notification of its
 * current state would have been stored; a pending one says so; a Circle that keeps failing is unavailable.
 */
class CircleInboundTransactionListTest {

    static final PartnerSandbox SANDBOX = PartnerSandbox.shared();

    final CircleProperties properties = CircleTransferClientTest.properties(SANDBOX);
    final WebClient circle = WebClient.builder()
            .baseUrl(SANDBOX.url("/circle"))
            .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.apiKey())
            .build();
    /** Two per page, so that three transfers take two pages and a third, empty one. */
    final CircleInboundTransactionList list = new CircleInboundTransactionList(WebClient.builder(), properties, 2);

    @AfterEach
    void noFaults() {
        SANDBOX.clearFaults();
    }

    @Test
    void everyInboundTransferInTheSpanIsListedOnceAcrossPagesInItsCurrentState() {
        Instant from = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String address = (String) CircleWalletTransferClientTest.wallet(properties, circle, "ETH-SEPOLIA")
                .get("address");
        List<Map<String, Object>> transfers = new ArrayList<>();
        for (String amount : List.of("1.5", "2", "3.25")) {
            transfers.add(SANDBOX.controlPost("/chain/transfers", Map.of("address", address, "amount", amount)));
        }
        Map<String, Object> pending = SANDBOX.controlPost(
                "/chain/transfers", Map.of("address", address, "amount", "4", "states", List.of("SENT")));
        Instant to = Instant.now().plusSeconds(1);

        List<Listed> listed = list.inbound(from, to).collectList().block(PartnerSandbox.TIMEOUT);

        Set<Object> ours =
                transfers.stream().map(transfer -> transfer.get("id")).collect(Collectors.toSet());
        List<Listed> complete = listed.stream()
                .filter(one -> ours.stream()
                        .anyMatch(id -> one.notification().eventId().equals("list:" + id + ":COMPLETE")))
                .toList();
        assertThat(complete).hasSize(3);
        assertThat(listed.stream()
                        .map(one -> one.notification().eventId())
                        .distinct()
                        .count())
                .isEqualTo(listed.size());
        for (Map<String, Object> transfer : transfers) {
            Listed one = complete.stream()
                    .filter(it -> it.notification().eventId().equals("list:" + transfer.get("id") + ":COMPLETE"))
                    .findFirst()
                    .orElseThrow();
            assertThat(one.notification().type()).isEqualTo(CircleNotifications.INBOUND_TRANSACTION);
            assertThat(one.pending()).isFalse();
            assertThat(one.createdAt()).isBetween(from, to);
            assertThat(one.transfer().chain()).isEqualTo(Chain.ETHEREUM);
            assertThat(one.transfer().txHash()).isEqualTo(transfer.get("txHash"));
            assertThat(one.transfer().amount()).isEqualTo(transfer.get("amount"));
            assertThat(one.transfer().canonicalDestination()).isEqualTo(Chain.ETHEREUM.canonical(address));
            assertThat(one.transfer().confirmation()).isEqualTo(ChainConfirmation.CONFIRMED);
            assertThat(one.transfer().partnerTransferId()).isEqualTo(transfer.get("id"));
            // what the inbox stores reads as the notification would have
            assertThat(CircleNotifications.inboundTransaction(one.notification().payload()))
                    .isInstanceOfSatisfying(
                            CircleNotifications.Transfer.class,
                            read -> assertThat(read.transfer()).isEqualTo(one.transfer()));
        }
        assertThat(listed)
                .filteredOn(one -> one.notification().eventId().equals("list:" + pending.get("id") + ":SENT"))
                .singleElement()
                .satisfies(one -> {
                    assertThat(one.pending()).isTrue();
                    assertThat(one.transfer().confirmation()).isEqualTo(ChainConfirmation.PENDING);
                });

        // nothing before the span
        assertThat(list.inbound(from.minusSeconds(3_600), from.minusMillis(1))
                        .collectList()
                        .block(PartnerSandbox.TIMEOUT))
                .noneMatch(one -> ours.contains(
                        one.transfer() == null ? null : one.transfer().partnerTransferId()));
    }

    @Test
    void aCircleThatKeepsFailingIsUnavailable() {
        SANDBOX.fault("circle", "GET", CircleInboundTransactionList.LIST_PATH, 503, 10);

        assertThatThrownBy(() -> list.inbound(Instant.now().minusSeconds(60), Instant.now())
                        .collectList()
                        .block(PartnerSandbox.TIMEOUT))
                .isInstanceOfSatisfying(
                        PartnerCallException.class,
                        e -> assertThat(e.isTransient()).isTrue());
    }
}
