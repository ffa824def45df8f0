package com.stack.funding.partner.adapters.circle;

import java.math.BigDecimal;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.stack.funding.deposit.app.OffRamp;
import com.stack.funding.partner.adapters.PartnerCallException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Circle's payouts (Circle Mint): {@code POST /v1/businessAccount/payouts} pays USD from the configured
 * master wallet to the configured wire bank account; {@code GET /v1/businessAccount/payouts/{id}} reads
 * one back. Circle dedupes on the body's {@code idempotencyKey} (a UUID), so a retried request returns
 * the payout made the first time: retrying transient failures (5xx, 429, timeouts, connection errors)
 * is safe. Other answers are refusals for good. Circle's error bodies ({@code {code, message}}) are
 * translated here ({@link CircleApi}) and never leave the adapter as they are.
 */
public class CirclePayoutClient implements OffRamp {

    static final String PAYOUTS_PATH = "/v1/businessAccount/payouts";

    private static final Logger log = LoggerFactory.getLogger(CirclePayoutClient.class);

    private final CircleApi circle;
    private final String masterWalletId;
    private final String wireBankAccountId;

    public CirclePayoutClient(WebClient.Builder webClients, CircleProperties properties) {
        this.circle = new CircleApi(
                webClients,
                properties.payoutsBaseUrl(),
                properties.apiKey(),
                "circle-payouts",
                properties.payoutResilience());
        this.masterWalletId = properties.masterWalletId();
        this.wireBankAccountId = properties.wireBankAccountId();
    }

    @Override
    public Mono<OffRampTransfer> initiate(UUID depositId, BigDecimal amountUsd, UUID idempotencyKey) {
        String what = "payout for deposit " + depositId;
        PayoutRequest body = new PayoutRequest(
                idempotencyKey.toString(),
                new Endpoint("wallet", masterWalletId),
                new Endpoint("wire", wireBankAccountId),
                new CircleApi.Money(amountUsd.setScale(2).toPlainString(), "USD"));
        return circle.post(what, PAYOUTS_PATH, body, PayoutAnswer.class)
                .map(answer -> transfer(what, answer))
                .onErrorMap(PartnerCallException.class, CirclePayoutClient::asOffRampFailure)
                .doOnNext(transfer -> log.info(
                        "Circle payout {} for deposit {} ({} USD): {}",
                        transfer.partnerTransferId(),
                        depositId,
                        body.amount().amount(),
                        transfer.status()));
    }

    @Override
    public Mono<OffRampTransfer> status(String partnerTransferId) {
        String what = "payout " + partnerTransferId;
        return circle.get(what, PAYOUTS_PATH, partnerTransferId, PayoutAnswer.class)
                .map(answer -> transfer(what, answer))
                .onErrorMap(PartnerCallException.class, CirclePayoutClient::asOffRampFailure);
    }

    private static RuntimeException asOffRampFailure(PartnerCallException e) {
        return e.isTransient()
                ? new OffRampUnavailableException(e.getMessage(), e)
                : new OffRampRefusedException(e.getMessage());
    }

    private static OffRampTransfer transfer(String what, PayoutAnswer answer) {
        PayoutData data = answer == null ? null : answer.data();
        Status status = data == null ? null : CircleApi.mintStatus(data.status(), Status.class);
        if (data == null || data.id() == null || data.id().isBlank() || status == null) {
            // the payout may exist: asking again with the same key finds it
            throw PartnerCallException.unavailable(
                    "Circle answered the " + what + " without a payout id and status", null);
        }
        return new OffRampTransfer(data.id(), status);
    }

    record PayoutRequest(String idempotencyKey, Endpoint source, Endpoint destination, CircleApi.Money amount) {}

    record Endpoint(String type, String id) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PayoutAnswer(PayoutData data) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PayoutData(String id, String status) {}
}
