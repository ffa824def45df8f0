package com.stack.funding.adapters.circle;

import com.stack.defaults.resilience.PartnerErrors;
import com.stack.defaults.resilience.PartnerResilience;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.stack.contracts.events.EventIds;
import com.stack.funding.app.OffRamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Circle's payouts (Circle Mint): {@code POST /v1/businessAccount/payouts} pays USD from the configured
 * master wallet to the configured wire bank account; {@code GET /v1/businessAccount/payouts/{id}} reads
 * one back. Circle dedupes on the body's {@code idempotencyKey} (a UUID), so a retried request returns
 * the payout made the first time: retrying transient failures (5xx, 429, timeouts, connection errors)
 * is safe. Other answers are refusals for good. Circle's error bodies ({@code {code, message}}) are
 * translated here and never leave the adapter as they are.
 */
public class CirclePayoutClient implements OffRamp {

    static final String PAYOUTS_PATH = "/v1/businessAccount/payouts";

    private static final Logger log = LoggerFactory.getLogger(CirclePayoutClient.class);
    /** Payout ids are UUIDs at Circle; anything else is refused without asking (and never reaches a URL). */
    private static final Pattern PAYOUT_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final WebClient web;
    private final PartnerResilience resilience;
    private final String masterWalletId;
    private final String wireBankAccountId;

    public CirclePayoutClient(WebClient.Builder webClients, CircleProperties properties) {
        this.web = webClients.clone()
                .baseUrl(properties.payoutsBaseUrl().toString())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.apiKey())
                .build();
        this.masterWalletId = properties.masterWalletId();
        this.wireBankAccountId = properties.wireBankAccountId();
        this.resilience = new PartnerResilience("circle-payouts", properties.payoutResilience(),
                e -> e instanceof OffRampUnavailableException,
                e -> e instanceof OffRampUnavailableException || e instanceof OffRampRefusedException);
    }

    @Override
    public Mono<OffRampTransfer> initiate(UUID depositId, BigDecimal amountUsd, UUID idempotencyKey) {
        PayoutRequest body = new PayoutRequest(idempotencyKey.toString(), new Endpoint("wallet", masterWalletId),
                new Endpoint("wire", wireBankAccountId), new Money(amountUsd.setScale(2).toPlainString(), "USD"));
        Mono<OffRampTransfer> attempt = web.post().uri(PAYOUTS_PATH)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .header("X-Request-Id", EventIds.next().toString())
                .bodyValue(body)
                .retrieve()
                .onStatus(status -> !status.is2xxSuccessful(), response -> translate("payout for deposit " + depositId,
                        response))
                .bodyToMono(PayoutAnswer.class)
                .map(answer -> transfer("payout for deposit " + depositId, answer));
        return resilience.call(attempt, e -> unavailable("payout for deposit " + depositId, e),
                        e -> new OffRampUnavailableException("Not asking Circle for the payout of deposit " + depositId
                                + ": Circle is failing repeatedly (circuit open)", e))
                .doOnNext(transfer -> log.info("Circle payout {} for deposit {} ({} USD): {}",
                        transfer.partnerTransferId(), depositId, body.amount().amount(), transfer.status()));
    }

    @Override
    public Mono<OffRampTransfer> status(String partnerTransferId) {
        if (partnerTransferId == null || !PAYOUT_ID.matcher(partnerTransferId).matches()) {
            return Mono.error(new OffRampRefusedException("Not a Circle payout id"));
        }
        Mono<OffRampTransfer> attempt = web.get().uri(PAYOUTS_PATH + "/{id}", partnerTransferId)
                .accept(MediaType.APPLICATION_JSON)
                .header("X-Request-Id", EventIds.next().toString())
                .retrieve()
                .onStatus(status -> !status.is2xxSuccessful(), response -> translate("payout " + partnerTransferId,
                        response))
                .bodyToMono(PayoutAnswer.class)
                .map(answer -> transfer("payout " + partnerTransferId, answer));
        return resilience.call(attempt, e -> unavailable("payout " + partnerTransferId, e),
                e -> new OffRampUnavailableException("Not reading Circle payout " + partnerTransferId
                        + ": Circle is failing repeatedly (circuit open)", e));
    }

    private static Throwable unavailable(String what, Throwable e) {
        return new OffRampUnavailableException("Circle " + what + " failed: " + e.getClass().getSimpleName(), e);
    }

    /** 5xx and 429 may pass; anything else (400 validation, 401/403 our key, 404, 409, 422) is a refusal. */
    private static Mono<? extends Throwable> translate(String what, ClientResponse response) {
        int status = response.statusCode().value();
        return PartnerErrors.describe(response, ErrorAnswer.class,
                        error -> "Circle code " + error.code() + ": " + PartnerErrors.abbreviated(error.message()))
                .map(detail -> {
                    String message = "Circle " + what + ": HTTP " + status + detail;
                    if (PartnerErrors.isTransient(status)) {
                        return new OffRampUnavailableException(message, null);
                    }
                    log.error("Circle refused the {}: HTTP {}{}", what, status, detail);
                    return new OffRampRefusedException(message);
                });
    }

    private static OffRampTransfer transfer(String what, PayoutAnswer answer) {
        PayoutData data = answer == null ? null : answer.data();
        Status status = data == null || data.status() == null ? null : switch (data.status().toLowerCase(Locale.ROOT)) {
            case "pending" -> Status.PENDING;
            case "complete" -> Status.COMPLETE;
            case "failed" -> Status.FAILED;
            default -> null;
        };
        if (data == null || data.id() == null || data.id().isBlank() || status == null) {
            // the payout may exist: asking again with the same key finds it
            throw new OffRampUnavailableException("Circle answered the " + what + " without a payout id and status",
                    null);
        }
        return new OffRampTransfer(data.id(), status);
    }


    record PayoutRequest(String idempotencyKey, Endpoint source, Endpoint destination, Money amount) {
    }

    record Endpoint(String type, String id) {
    }

    record Money(String amount, String currency) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PayoutAnswer(PayoutData data) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PayoutData(String id, String status) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorAnswer(Integer code, String message) {
    }
}
