package com.stack.funding.partner.adapters.circle;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.stack.contracts.events.EventIds;
import com.stack.defaults.resilience.PartnerErrors;
import com.stack.defaults.resilience.PartnerResilience;
import com.stack.funding.partner.adapters.PartnerCallException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * One of Circle's APIs (Mint's payouts and transfers, the wallets' transactions) as funding's Circle clients
 * call it: {@code Authorization: Bearer <key>}, an {@code X-Request-Id} per request, JSON both ways, and
 * every call under the API's {@link PartnerResilience} (timeout, breaker, retries of transient failures
 * only). Only calls that are safe to repeat go through it: reads, and writes Circle dedupes by the body's
 * {@code idempotencyKey}. What fails leaves as a {@link PartnerCallException}: transient for 5xx, 429,
 * timeouts, connection errors and an open circuit; a refusal for any other answer. Circle's error bodies
 * ({@code {code, message}}) are read into its message, never passed on as they are.
 */
final class CircleApi {

    private static final Logger log = LoggerFactory.getLogger(CircleApi.class);
    /** Circle's object ids are UUIDs; anything else is refused without asking (and never reaches a URL). */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final WebClient web;
    private final PartnerResilience resilience;

    CircleApi(
            WebClient.Builder webClients,
            URI baseUrl,
            String apiKey,
            String name,
            PartnerResilience.Settings settings) {
        this.web = webClients
                .clone()
                .baseUrl(baseUrl.toString())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
                .build();
        this.resilience = PartnerCallException.resilience(name, settings);
    }

    /** {@code POST path} with {@code body}, under resilience; {@code what} names the request in messages. */
    <T> Mono<T> post(String what, String path, Object body, Class<T> answer) {
        return call(what, postAttempt(what, path, Mono.just(body), answer));
    }

    /** {@code GET path/{id}} under resilience; an id not of Circle's form is refused without asking. */
    <T> Mono<T> get(String what, String path, String id, Class<T> answer) {
        if (id == null || !ID.matcher(id).matches()) {
            return Mono.error(PartnerCallException.refused("Not a Circle id: the " + what));
        }
        return call(what, getAttempt(what, path + "/" + id, answer));
    }

    /** One attempt of {@code GET path}; not resilient on its own: see {@link #call}. */
    <T> Mono<T> getAttempt(String what, String path, Class<T> answer) {
        return Mono.defer(() -> web.get()
                .uri(path)
                .accept(MediaType.APPLICATION_JSON)
                .header("X-Request-Id", EventIds.next().toString())
                .retrieve()
                .onStatus(status -> !status.is2xxSuccessful(), response -> translate(what, response))
                .bodyToMono(answer));
    }

    /**
     * One attempt of {@code POST path}, its body made for the attempt (a write whose body must differ per
     * attempt, such as a fresh entity secret ciphertext); not resilient on its own: see {@link #call}.
     */
    <T> Mono<T> postAttempt(String what, String path, Mono<?> body, Class<T> answer) {
        return body.flatMap(request -> web.post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .header("X-Request-Id", EventIds.next().toString())
                .bodyValue(request)
                .retrieve()
                .onStatus(status -> !status.is2xxSuccessful(), response -> translate(what, response))
                .bodyToMono(answer));
    }

    /** {@code DELETE path/{id}} under resilience; an id not of Circle's form is refused without asking. */
    Mono<Void> delete(String what, String path, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Mono.error(PartnerCallException.refused("Not a Circle id: the " + what));
        }
        return call(
                what,
                Mono.defer(() -> web.delete()
                        .uri(path + "/" + id)
                        .header("X-Request-Id", EventIds.next().toString())
                        .retrieve()
                        .onStatus(status -> !status.is2xxSuccessful(), response -> translate(what, response))
                        .toBodilessEntity()
                        .then()));
    }

    /** The attempt under timeout, breaker and retries; every failure leaves as a {@link PartnerCallException}. */
    <T> Mono<T> call(String what, Mono<T> attempt) {
        return resilience.call(
                attempt,
                e -> PartnerCallException.unavailable(
                        "Circle " + what + " failed: " + e.getClass().getSimpleName(), e),
                e -> PartnerCallException.unavailable(
                        "Not asking Circle for the " + what + ": Circle is failing repeatedly (circuit open)", e));
    }

    /**
     * Circle Mint's status of a payout or a transfer ({@code pending}, {@code complete}, {@code failed}) as the
     * port's constant of the same name; null for any other (or none).
     */
    static <S extends Enum<S>> S mintStatus(String status, Class<S> portStatus) {
        return switch (status == null ? "" : status.toLowerCase(Locale.ROOT)) {
            case "pending", "complete", "failed" -> Enum.valueOf(portStatus, status.toUpperCase(Locale.ROOT));
            default -> null;
        };
    }

    /** 5xx and 429 may pass; anything else (400 validation, 401/403 our key, 404, 409, 422) is a refusal. */
    private static Mono<? extends Throwable> translate(String what, ClientResponse response) {
        int status = response.statusCode().value();
        return response.bodyToMono(ErrorAnswer.class)
                .onErrorResume(unreadable -> Mono.empty())
                .map(error -> new Answered(
                        error.code() == null ? null : error.code().toString(),
                        " (Circle code " + error.code() + ": " + PartnerErrors.abbreviated(error.message()) + ")"))
                .defaultIfEmpty(new Answered(null, ""))
                .map(answered -> {
                    String message = "Circle " + what + ": HTTP " + status + answered.detail();
                    if (PartnerErrors.isTransient(status)) {
                        return PartnerCallException.answered(message, true, answered.code());
                    }
                    log.error("Circle refused the {}: HTTP {}{}", what, status, answered.detail());
                    return PartnerCallException.answered(message, false, answered.code());
                });
    }

    private record Answered(String code, String detail) {}

    /** An amount as Circle Mint writes it: {@code {"amount": "10.00", "currency": "USD"}}. */
    record Money(String amount, String currency) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorAnswer(Integer code, String message) {}
}
