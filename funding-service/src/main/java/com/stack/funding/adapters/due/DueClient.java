package com.stack.funding.adapters.due;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.stack.defaults.resilience.PartnerErrors;
import com.stack.defaults.resilience.PartnerResilience;
import com.stack.funding.app.OffRamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Due's ramp API as the {@link OffRamp}: a quote for the USDC -> USD conversion
 * ({@code POST /v1/transfers/quote}, valid two minutes), then a transfer on it to the broker's bank account
 * ({@code POST /v1/transfers}) under the command's {@code Idempotency-Key}; {@code GET /v1/transfers/{id}}
 * reads one back. Each attempt takes a fresh quote (an old one may have expired), so a repeat carries
 * another quote token under the same key: Due's idempotency (not documented; the sandbox behaves so)
 * answers a repeated key with the transfer made the first time. The memo names the deposit, so a transfer
 * can always be traced back to it. Due's error bodies are translated here.
 */
public class DueClient implements OffRamp {

    public static final String PARTNER = "due";

    private static final Logger log = LoggerFactory.getLogger(DueClient.class);
    private static final Pattern TRANSFER_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final WebClient web;
    private final DueProperties properties;
    private final PartnerResilience resilience;

    public DueClient(WebClient.Builder webClients, DueProperties properties) {
        this.properties = properties;
        this.web = webClients.clone()
                .baseUrl(properties.baseUrl().toString())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.apiKey())
                .defaultHeader("Due-Account-Id", properties.accountId())
                .build();
        this.resilience = new PartnerResilience("due", properties.resilience(),
                e -> e instanceof OffRampUnavailableException,
                e -> e instanceof OffRampUnavailableException || e instanceof OffRampRefusedException);
    }

    @Override
    public Mono<OffRampTransfer> initiate(UUID depositId, BigDecimal amountUsd, UUID idempotencyKey) {
        String what = "off-ramp of deposit " + depositId;
        String amount = amountUsd.setScale(2).toPlainString();
        Mono<OffRampTransfer> attempt = web.post().uri("/v1/transfers/quote")
                .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON)
                .bodyValue(new QuoteRequest(new Leg(properties.sourceRail(), "USDC", amountUsd.setScale(6).toPlainString()),
                        new Leg(properties.destinationRail(), "USD", null)))
                .retrieve()
                .onStatus(status -> !status.is2xxSuccessful(), response -> translate("quote for deposit " + depositId,
                        response))
                .bodyToMono(QuoteAnswer.class)
                .flatMap(quote -> {
                    if (quote.token() == null || quote.token().isBlank()) {
                        return Mono.error(new OffRampUnavailableException("Due answered the quote without a token", null));
                    }
                    if (quote.destination() != null && quote.destination().amount() != null
                            && new BigDecimal(quote.destination().amount()).compareTo(amountUsd) != 0) {
                        // fees or a rate other than 1:1: the ledger counts the payout at the cent amount asked for
                        return Mono.error(new OffRampRefusedException("Due quoted " + quote.destination().amount()
                                + " USD for " + amount + " (fees " + quote.fees() + "); refusing a payout of another amount"));
                    }
                    return web.post().uri("/v1/transfers")
                            .header("Idempotency-Key", idempotencyKey.toString())
                            .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON)
                            .bodyValue(new TransferRequest(quote.token(), properties.recipientId(), memo(depositId)))
                            .retrieve()
                            .onStatus(status -> !status.is2xxSuccessful(), response -> translate(what, response))
                            .bodyToMono(TransferAnswer.class)
                            .map(answer -> transfer(what, answer));
                });
        return call(what, attempt)
                .doOnNext(transfer -> log.info("Due transfer {} of {} USD for deposit {}: {}",
                        transfer.partnerTransferId(), amount, depositId, transfer.status()));
    }

    @Override
    public Mono<OffRampTransfer> status(String partnerTransferId) {
        return read(partnerTransferId).map(answer -> transfer("transfer " + partnerTransferId, answer));
    }

    /** The transfer as Due has it now, with its memo (for webhooks, which are re-read before they count). */
    public Mono<TransferAnswer> read(String transferId) {
        if (transferId == null || !TRANSFER_ID.matcher(transferId).matches()) {
            return Mono.error(new OffRampRefusedException("Not a Due transfer id"));
        }
        String what = "transfer " + transferId;
        return call(what, web.get().uri("/v1/transfers/{id}", transferId)
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .onStatus(status -> !status.is2xxSuccessful(), response -> translate(what, response))
                .bodyToMono(TransferAnswer.class));
    }

    /** Registers {@code url} as a webhook endpoint unless it is one already; emits the endpoint's public key. */
    public Mono<String> webhookKey(String url) {
        Mono<String> existing = web.get().uri("/v1/webhook_endpoints").accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .onStatus(status -> !status.is2xxSuccessful(), response -> translate("webhook endpoints", response))
                .bodyToMono(EndpointList.class)
                .flatMap(list -> Mono.justOrEmpty(list.data() == null ? null : list.data().stream()
                        .filter(endpoint -> url.equals(endpoint.url()) && endpoint.publicKey() != null)
                        .map(Endpoint::publicKey).findFirst().orElse(null)));
        Mono<String> created = web.post().uri("/v1/webhook_endpoints")
                .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON)
                .bodyValue(new EndpointRequest(url, List.of("transfer.status_changed")))
                .retrieve()
                .onStatus(status -> !status.is2xxSuccessful(), response -> translate("webhook endpoint", response))
                .bodyToMono(Endpoint.class)
                .map(Endpoint::publicKey);
        return call("webhook endpoint " + url, existing.switchIfEmpty(created));
    }

    /** Due's transfer statuses as the saga counts them (not documented by Due: the sandbox's flow). */
    public static Status statusOf(String dueStatus) {
        return switch (dueStatus == null ? "" : dueStatus.toLowerCase(Locale.ROOT)) {
            case "completed", "complete" -> Status.COMPLETE;
            case "failed", "cancelled", "canceled", "rejected", "returned" -> Status.FAILED;
            default -> Status.PENDING;   // pending, awaiting_funds, processing
        };
    }

    static String memo(UUID depositId) {
        return "STACK deposit " + depositId;
    }

    private <T> Mono<T> call(String what, Mono<T> attempt) {
        return resilience.call(attempt, e -> new OffRampUnavailableException("Due " + what + " failed: "
                        + e.getClass().getSimpleName(), e),
                e -> new OffRampUnavailableException("Not asking Due for the " + what
                        + ": Due is failing repeatedly (circuit open)", e));
    }

    private static Mono<? extends Throwable> translate(String what, ClientResponse response) {
        int status = response.statusCode().value();
        return PartnerErrors.describe(response, ErrorAnswer.class, error -> error.error() == null ? "Due"
                        : "Due " + error.error().code() + ": " + PartnerErrors.abbreviated(error.error().message()))
                .map(detail -> {
                    String message = "Due " + what + ": HTTP " + status + detail;
                    if (PartnerErrors.isTransient(status) || status == HttpStatus.UNAUTHORIZED.value()) {
                        // 401: a rotated key is fixed by configuration, not by failing the deposit
                        return new OffRampUnavailableException(message, null);
                    }
                    log.error("Due refused the {}: HTTP {}{}", what, status, detail);
                    return new OffRampRefusedException(message);
                });
    }

    private static OffRampTransfer transfer(String what, TransferAnswer answer) {
        if (answer == null || answer.id() == null || answer.id().isBlank() || answer.status() == null) {
            throw new OffRampUnavailableException("Due answered the " + what + " without an id and status", null);
        }
        return new OffRampTransfer(answer.id(), statusOf(answer.status()));
    }


    record Leg(String rail, String currency, String amount) {
    }

    record QuoteRequest(Leg source, Leg destination) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record QuoteAnswer(String token, Leg destination, String fees) {
    }

    record TransferRequest(String quote, String recipient, String memo) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TransferAnswer(String id, String status, String memo, String failureReason) {
    }

    record EndpointRequest(String url, List<String> events) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Endpoint(String id, String url, String publicKey) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record EndpointList(List<Endpoint> data) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorDetail(String code, String message) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorAnswer(ErrorDetail error) {
    }
}
