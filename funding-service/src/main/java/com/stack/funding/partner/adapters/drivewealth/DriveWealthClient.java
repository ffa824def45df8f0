package com.stack.funding.partner.adapters.drivewealth;

import java.math.BigDecimal;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.stack.defaults.partners.drivewealth.DriveWealthAccessToken;
import com.stack.defaults.partners.drivewealth.DriveWealthApi;
import com.stack.defaults.partners.drivewealth.DriveWealthConnection;
import com.stack.defaults.resilience.PartnerErrors;
import com.stack.funding.broker.app.Brokerage;
import com.stack.funding.shared.domain.Partners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * DriveWealth's back-office API as the {@link Brokerage}: {@code POST /auth/tokens} for a bearer token
 * (cached, replaced shortly before it expires, and at once after a 401), {@code POST /accounts},
 * {@code POST /funding/deposits}, {@code POST /funding/redemptions} and their reads by id;
 * {@code dw-client-app-key} on every
 * call. Writes carry DriveWealth's {@code Idempotency-Key} header, so retrying transient failures (5xx, 429,
 * timeouts, connection errors) is safe. DriveWealth's error bodies ({@code {errorCode, message}}) are
 * translated here and never leave the adapter.
 */
public class DriveWealthClient implements Brokerage {

    private static final Logger log = LoggerFactory.getLogger(DriveWealthClient.class);
    private static final Pattern TRANSFER_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private final DriveWealthApi api;
    private final WebClient web;

    public DriveWealthClient(WebClient.Builder webClients, DriveWealthConnection connection) {
        this.api = new DriveWealthApi(
                webClients,
                connection,
                "drivewealth",
                BrokerUnavailableException.class,
                BrokerRefusedException.class,
                BrokerUnavailableException::new,
                DriveWealthClient::translate);
        this.web = api.web();
    }

    @Override
    public String partner() {
        return Partners.DRIVEWEALTH;
    }

    @Override
    public Mono<Account> openAccount(UUID userId, UUID idempotencyKey) {
        String what = "account for user " + userId;
        return call(
                        what,
                        bearer -> web.post()
                                .uri("/accounts")
                                .headers(h -> DriveWealthAccessToken.authorize(h, bearer, idempotencyKey))
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(new AccountRequest(userId.toString(), "LIVE", "SELF", "CASH"))
                                .retrieve()
                                .onStatus(status -> !status.is2xxSuccessful(), response -> translate(what, response))
                                .bodyToMono(AccountAnswer.class)
                                .map(answer -> {
                                    if (answer.id() == null || answer.accountNo() == null) {
                                        throw new BrokerUnavailableException(
                                                "DriveWealth answered the " + what + " without ids", null);
                                    }
                                    return new Account(answer.id(), answer.accountNo());
                                }))
                .doOnNext(account -> log.info(
                        "DriveWealth account {} ({}) for user {}", account.accountNo(), account.accountId(), userId));
    }

    @Override
    public Mono<Transfer> fund(Account account, UUID depositId, BigDecimal amountUsd, UUID idempotencyKey) {
        return move(
                "/funding/deposits",
                "deposit for " + depositId,
                account,
                amountUsd,
                "STACK deposit " + depositId,
                idempotencyKey);
    }

    @Override
    public Mono<Transfer> fundingStatus(String transferId) {
        return read("/funding/deposits/{id}", "deposit", transferId);
    }

    @Override
    public Mono<Transfer> withdraw(Account account, UUID withdrawalId, BigDecimal amountUsd, UUID idempotencyKey) {
        return move(
                "/funding/redemptions",
                "redemption for " + withdrawalId,
                account,
                amountUsd,
                "STACK withdrawal " + withdrawalId,
                idempotencyKey);
    }

    @Override
    public Mono<Transfer> withdrawalStatus(String transferId) {
        return read("/funding/redemptions/{id}", "redemption", transferId);
    }

    /** A deposit into or a redemption out of the account: the same request and answer at DriveWealth. */
    private Mono<Transfer> move(
            String path, String what, Account account, BigDecimal amountUsd, String note, UUID idempotencyKey) {
        DepositRequest body =
                new DepositRequest(account.accountNo(), amountUsd.setScale(2).toPlainString(), "USD", "WIRE", note);
        return call(
                        what,
                        bearer -> web.post()
                                .uri(path)
                                .headers(h -> DriveWealthAccessToken.authorize(h, bearer, idempotencyKey))
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(body)
                                .retrieve()
                                .onStatus(status -> !status.is2xxSuccessful(), response -> translate(what, response))
                                .bodyToMono(DepositAnswer.class)
                                .map(answer -> transfer(what, answer)))
                .doOnNext(transfer -> log.info(
                        "DriveWealth {} {}: {} USD, account {}: {}",
                        what,
                        transfer.transferId(),
                        body.amount(),
                        account.accountNo(),
                        transfer.status()));
    }

    /** A deposit or redemption as DriveWealth has it now. */
    private Mono<Transfer> read(String path, String kind, String transferId) {
        if (transferId == null || !TRANSFER_ID.matcher(transferId).matches()) {
            return Mono.error(new BrokerRefusedException("Not a DriveWealth " + kind + " id"));
        }
        String what = kind + " " + transferId;
        return call(
                what,
                bearer -> web.get()
                        .uri(path, transferId)
                        .headers(h -> DriveWealthAccessToken.authorize(h, bearer, null))
                        .retrieve()
                        .onStatus(status -> !status.is2xxSuccessful(), response -> translate(what, response))
                        .bodyToMono(DepositAnswer.class)
                        .map(answer -> transfer(what, answer)));
    }

    /** DriveWealth's numeric deposit (and redemption) statuses, as the sagas count them. */
    public static Status status(int code) {
        return switch (code) {
            case 2 -> Status.COMPLETE; // SUCCESSFUL
            case 3, 4, 5, 15 -> Status.FAILED; // FAILED, OTHER (redemptions), RETURNED, REJECTED
            default -> Status.PENDING; // STARTED 0, PENDING 1, RIA_* 11-13, APPROVED 14, ON_HOLD 16, PROCESSING 17
        };
    }

    private <T> Mono<T> call(String what, Function<String, Mono<T>> request) {
        return api.call(what, request);
    }

    /** 5xx and 429 may pass; 401 replaces the token; anything else (400, 403, 404, 409, 422) is a refusal. */
    static Mono<? extends Throwable> translate(String what, ClientResponse response) {
        int status = response.statusCode().value();
        return PartnerErrors.describe(
                        response,
                        ErrorAnswer.class,
                        error -> "DriveWealth " + error.errorCode() + ": " + PartnerErrors.abbreviated(error.message()))
                .map(detail -> {
                    String message = "DriveWealth " + what + ": HTTP " + status + detail;
                    if (PartnerErrors.isTransient(status)) {
                        return new BrokerUnavailableException(message, null);
                    }
                    if (status == HttpStatus.UNAUTHORIZED.value()) {
                        return new DriveWealthAccessToken.TokenRejectedException(message);
                    }
                    log.error("DriveWealth refused the {}: HTTP {}{}", what, status, detail);
                    return new BrokerRefusedException(message);
                });
    }

    private static Transfer transfer(String what, DepositAnswer answer) {
        if (answer == null
                || answer.id() == null
                || answer.id().isBlank()
                || answer.status() == null
                || answer.status().id() == null) {
            // the deposit may exist: asking again with the same key finds it
            throw new BrokerUnavailableException(
                    "DriveWealth answered the " + what + " without an id and status", null);
        }
        Status status = status(answer.status().id());
        return new Transfer(
                answer.id(), status, status == Status.FAILED ? answer.status().message() : null);
    }

    record AccountRequest(String userID, String accountType, String accountManagementType, String tradingType) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AccountAnswer(String id, String accountNo) {}

    record DepositRequest(String accountNo, String amount, String currency, String type, String note) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record DepositAnswer(String id, String accountNo, String amount, DepositStatusAnswer status) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record DepositStatusAnswer(Integer id, String message) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorAnswer(String errorCode, String message) {}
}
