package com.stack.funding.partner.adapters.due;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.stack.defaults.resilience.PartnerErrors;
import com.stack.defaults.resilience.PartnerResilience;
import com.stack.funding.deposit.app.OffRamp;
import com.stack.funding.partner.adapters.PartnerCallException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Due's ramp API, the plumbing both ramps share ({@link DueOffRamp}, {@link DueOnRamp}): a quote
 * ({@code POST /v1/transfers/quote}, valid two minutes), then a transfer on it ({@code POST /v1/transfers})
 * under the command's {@code Idempotency-Key}; {@code GET /v1/transfers/{id}} reads one back; webhook
 * endpoints; virtual accounts (found by their reference, opened). One breaker for Due's API. Each attempt takes a fresh quote (an old one may have expired), so a
 * repeat carries another quote token under the same key: Due's idempotency (not documented; the sandbox
 * behaves so) answers a repeated key with the transfer made the first time. Due's error bodies are
 * translated here into {@link PartnerCallException}s (401 counts as transient: a rotated key is fixed by
 * configuration, not by failing a deposit or a withdrawal); each ramp tells them as its port's exceptions.
 */
public class DueClient {

    private static final Logger log = LoggerFactory.getLogger(DueClient.class);
    private static final Pattern TRANSFER_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final WebClient web;
    private final PartnerResilience resilience;

    public DueClient(WebClient.Builder webClients, DueProperties properties) {
        this.web = webClients
                .clone()
                .baseUrl(properties.baseUrl().toString())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.apiKey())
                .defaultHeader("Due-Account-Id", properties.accountId())
                .build();
        this.resilience = PartnerCallException.resilience("due", properties.resilience());
    }

    /**
     * A quote from {@code source} to {@code destination}, then a transfer on it under the idempotency key:
     * the transfer as Due answered it, with an id and a status. A quote for another amount than
     * {@code expected} at the destination (fees, a rate other than 1:1) is refused without a transfer: the
     * ledger counts the money at the amount asked for.
     */
    Mono<TransferAnswer> transfer(
            String what,
            Leg source,
            Leg destination,
            BigDecimal expected,
            UUID idempotencyKey,
            Function<String, TransferRequest> request) {
        Mono<TransferAnswer> attempt = web.post()
                .uri("/v1/transfers/quote")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(new QuoteRequest(source, destination))
                .retrieve()
                .onStatus(status -> !status.is2xxSuccessful(), response -> translate("quote for the " + what, response))
                .bodyToMono(QuoteAnswer.class)
                .flatMap(quote -> {
                    if (quote.token() == null || quote.token().isBlank()) {
                        return Mono.error(
                                PartnerCallException.unavailable("Due answered the quote without a token", null));
                    }
                    if (quote.destination() != null
                            && quote.destination().amount() != null
                            && new BigDecimal(quote.destination().amount()).compareTo(expected) != 0) {
                        return Mono.error(PartnerCallException.refused("Due quoted "
                                + quote.destination().amount() + " "
                                + destination.currency() + " for " + expected.toPlainString() + " (fees " + quote.fees()
                                + "); refusing the " + what + " of another amount"));
                    }
                    return web.post()
                            .uri("/v1/transfers")
                            .header("Idempotency-Key", idempotencyKey.toString())
                            .contentType(MediaType.APPLICATION_JSON)
                            .accept(MediaType.APPLICATION_JSON)
                            .bodyValue(request.apply(quote.token()))
                            .retrieve()
                            .onStatus(status -> !status.is2xxSuccessful(), response -> translate(what, response))
                            .bodyToMono(TransferAnswer.class)
                            .map(answer -> answered(what, answer));
                });
        return call(what, attempt);
    }

    /**
     * The transfer as Due has it now, with its memo (for webhooks, which are re-read before they count);
     * fails with the {@link OffRamp}'s exceptions.
     */
    public Mono<TransferAnswer> read(String transferId) {
        return readTransfer(transferId).onErrorMap(PartnerCallException.class, DueOffRamp::asOffRampFailure);
    }

    /** The transfer as Due has it now, with an id and a status; an id not of Due's form is refused without asking. */
    Mono<TransferAnswer> readTransfer(String transferId) {
        if (transferId == null || !TRANSFER_ID.matcher(transferId).matches()) {
            return Mono.error(PartnerCallException.refused("Not a Due transfer id"));
        }
        String what = "transfer " + transferId;
        return call(
                what,
                web.get()
                        .uri("/v1/transfers/{id}", transferId)
                        .accept(MediaType.APPLICATION_JSON)
                        .retrieve()
                        .onStatus(status -> !status.is2xxSuccessful(), response -> translate(what, response))
                        .bodyToMono(TransferAnswer.class)
                        .map(answer -> answered(what, answer)));
    }

    /** Registers {@code url} as a webhook endpoint unless it is one already; emits the endpoint's public key. */
    public Mono<String> webhookKey(String url) {
        Mono<String> existing = web.get()
                .uri("/v1/webhook_endpoints")
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .onStatus(status -> !status.is2xxSuccessful(), response -> translate("webhook endpoints", response))
                .bodyToMono(EndpointList.class)
                .flatMap(list -> Mono.justOrEmpty(
                        list.data() == null
                                ? null
                                : list.data().stream()
                                        .filter(endpoint -> url.equals(endpoint.url()) && endpoint.publicKey() != null)
                                        .map(Endpoint::publicKey)
                                        .findFirst()
                                        .orElse(null)));
        Mono<String> created = web.post()
                .uri("/v1/webhook_endpoints")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(new EndpointRequest(url, List.of("transfer.status_changed")))
                .retrieve()
                .onStatus(status -> !status.is2xxSuccessful(), response -> translate("webhook endpoint", response))
                .bodyToMono(Endpoint.class)
                .map(Endpoint::publicKey);
        return call("webhook endpoint " + url, existing.switchIfEmpty(created))
                .onErrorMap(PartnerCallException.class, DueOffRamp::asOffRampFailure);
    }

    /**
     * The virtual account Due has under the platform's {@code reference} ({@code GET /v1/virtual_accounts?reference=}),
     * empty when there is none.
     */
    Mono<VirtualAccountAnswer> virtualAccount(String reference) {
        String what = "virtual account " + reference;
        return call(
                what,
                web.get()
                        .uri(uri -> uri.path("/v1/virtual_accounts")
                                .queryParam("reference", "{reference}")
                                .build(reference))
                        .accept(MediaType.APPLICATION_JSON)
                        .retrieve()
                        .onStatus(status -> !status.is2xxSuccessful(), response -> translate(what, response))
                        .bodyToMono(VirtualAccountList.class)
                        .flatMap(list -> Mono.justOrEmpty(
                                list.data() == null
                                        ? null
                                        : list.data().stream()
                                                .filter(account -> reference.equals(account.reference()))
                                                .findFirst()
                                                .orElse(null)))
                        .map(answer -> answered(what, answer)));
    }

    /**
     * Opens a virtual account ({@code POST /v1/virtual_accounts}); empty when Due answers 409, the reference being
     * in use already (made by an earlier attempt whose answer was lost: the caller adopts it). Due takes no
     * idempotency key here; the unique reference is what makes a repeat harmless.
     */
    Mono<VirtualAccountAnswer> openVirtualAccount(VirtualAccountRequest request) {
        String what = "virtual account " + request.reference();
        return call(
                what,
                web.post()
                        .uri("/v1/virtual_accounts")
                        .contentType(MediaType.APPLICATION_JSON)
                        .accept(MediaType.APPLICATION_JSON)
                        .bodyValue(request)
                        .exchangeToMono(response -> response.statusCode().value() == HttpStatus.CONFLICT.value()
                                ? response.releaseBody().then(Mono.<VirtualAccountAnswer>empty())
                                : response.statusCode().is2xxSuccessful()
                                        ? response.bodyToMono(VirtualAccountAnswer.class)
                                        : translate(what, response).flatMap(e -> Mono.<VirtualAccountAnswer>error(e)))
                        .map(answer -> answered(what, answer)));
    }

    /**
     * Makes a recipient, a US bank account Due pays out to ({@code POST /v1/recipients}); emits its id. Due takes no
     * idempotency key here: the caller keeps the id before any transfer names it ({@link DueRecipientRepository}).
     */
    Mono<String> createRecipient(String name, String accountNumber, String routingNumber, String bankName) {
        String what = "recipient for account " + accountNumber + " at " + routingNumber;
        return call(
                what,
                web.post()
                        .uri("/v1/recipients")
                        .contentType(MediaType.APPLICATION_JSON)
                        .accept(MediaType.APPLICATION_JSON)
                        .bodyValue(new RecipientRequest(
                                name, new RecipientDetails("bank_us", accountNumber, routingNumber, bankName)))
                        .retrieve()
                        .onStatus(status -> !status.is2xxSuccessful(), response -> translate(what, response))
                        .bodyToMono(RecipientAnswer.class)
                        .map(answer -> {
                            if (answer.id() == null || answer.id().isBlank()) {
                                throw PartnerCallException.unavailable(
                                        "Due answered the " + what + " without an id", null);
                            }
                            return answer.id();
                        }));
    }

    /** Due's transfer statuses as the sagas count them (not documented by Due: the sandbox's flow). */
    public static OffRamp.Status statusOf(String dueStatus) {
        return switch (dueStatus == null ? "" : dueStatus.toLowerCase(Locale.ROOT)) {
            case "completed", "complete" -> OffRamp.Status.COMPLETE;
            case "failed", "cancelled", "canceled", "rejected", "returned" -> OffRamp.Status.FAILED;
            default -> OffRamp.Status.PENDING; // pending, awaiting_funds, processing
        };
    }

    private <T> Mono<T> call(String what, Mono<T> attempt) {
        return resilience.call(
                attempt,
                e -> PartnerCallException.unavailable(
                        "Due " + what + " failed: " + e.getClass().getSimpleName(), e),
                e -> PartnerCallException.unavailable(
                        "Not asking Due for the " + what + ": Due is failing repeatedly (circuit open)", e));
    }

    private static Mono<? extends Throwable> translate(String what, ClientResponse response) {
        int status = response.statusCode().value();
        return PartnerErrors.describe(
                        response,
                        ErrorAnswer.class,
                        error -> error.error() == null
                                ? "Due"
                                : "Due " + error.error().code() + ": "
                                        + PartnerErrors.abbreviated(
                                                error.error().message()))
                .map(detail -> {
                    String message = "Due " + what + ": HTTP " + status + detail;
                    if (PartnerErrors.isTransient(status) || status == HttpStatus.UNAUTHORIZED.value()) {
                        // 401: a rotated key is fixed by configuration, not by failing the deposit or withdrawal
                        return PartnerCallException.unavailable(message, null);
                    }
                    log.error("Due refused the {}: HTTP {}{}", what, status, detail);
                    return PartnerCallException.refused(message);
                });
    }

    private static VirtualAccountAnswer answered(String what, VirtualAccountAnswer answer) {
        if (answer.id() == null || answer.id().isBlank() || answer.details() == null) {
            throw PartnerCallException.unavailable(
                    "Due answered the " + what + " without an id and bank details", null);
        }
        return answer;
    }

    private static TransferAnswer answered(String what, TransferAnswer answer) {
        if (answer == null || answer.id() == null || answer.id().isBlank() || answer.status() == null) {
            // the transfer may exist: asking again with the same key finds it
            throw PartnerCallException.unavailable("Due answered the " + what + " without an id and status", null);
        }
        return answer;
    }

    record Leg(String rail, String currency, String amount) {}

    record QuoteRequest(Leg source, Leg destination) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record QuoteAnswer(String token, Leg destination, String fees) {}

    /**
     * An off-ramp names a {@code recipient}, an on-ramp a {@code destinationAddress} and the virtual account it
     * converts from ({@code sender}); the others are null (left out).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TransferRequest(String quote, String recipient, String destinationAddress, String sender, String memo) {}

    /** A transfer as Due shows it; {@code destinationAddress} only on an on-ramp. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TransferAnswer(
            String id, String status, String memo, String destinationAddress, String failureReason) {}

    /** USD paid in by bank ({@code bank_us}) converted to {@code currencyOut} on {@code railOut} and sent to {@code destination}. */
    record VirtualAccountRequest(
            String destination,
            String schemaIn,
            String currencyIn,
            String railOut,
            String currencyOut,
            String reference) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record BankDetails(String schema, String accountNumber, String routingNumber, String bankName) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record VirtualAccountAnswer(String id, String reference, String destination, String railOut, BankDetails details) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record VirtualAccountList(List<VirtualAccountAnswer> data) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RecipientDetails(String schema, String accountNumber, String routingNumber, String bankName) {}

    record RecipientRequest(String name, RecipientDetails details) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RecipientAnswer(String id) {}

    record EndpointRequest(String url, List<String> events) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Endpoint(String id, String url, String publicKey) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record EndpointList(List<Endpoint> data) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorDetail(String code, String message) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorAnswer(ErrorDetail error) {}
}
