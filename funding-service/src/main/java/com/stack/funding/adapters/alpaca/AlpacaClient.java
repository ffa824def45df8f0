package com.stack.funding.adapters.alpaca;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.stack.defaults.partners.PartnerCalls;
import com.stack.defaults.partners.alpaca.AlpacaConnection;
import com.stack.defaults.resilience.PartnerErrors;
import com.stack.funding.app.Brokerage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Alpaca's Broker API as the {@link Brokerage}: {@code POST /v1/accounts} opens the user's account and a
 * cash journal ({@code POST /v1/journals}, entry type JNLC) from the firm account funds it;
 * {@code GET /v1/journals/{id}} reads one back. HTTP Basic auth. Writes carry Alpaca's
 * {@code Idempotency-Key} (same key and body: the original is returned; a different body: 422), so retrying
 * transient failures (5xx, 429, timeouts, connection errors) is safe. Alpaca's error bodies
 * ({@code {code, message}}) are translated here.
 */
public class AlpacaClient implements Brokerage {

    public static final String PARTNER = "alpaca";

    private static final Logger log = LoggerFactory.getLogger(AlpacaClient.class);
    private static final Pattern JOURNAL_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final WebClient web;
    private final AlpacaProperties properties;
    private final PartnerCalls calls;

    public AlpacaClient(WebClient.Builder webClients, AlpacaConnection connection, AlpacaProperties properties) {
        this.properties = properties;
        this.web = connection.client(webClients);
        this.calls = new PartnerCalls("Alpaca", "alpaca", connection.resilience(), BrokerUnavailableException.class,
                BrokerRefusedException.class, BrokerUnavailableException::new);
    }

    @Override
    public String partner() {
        return PARTNER;
    }

    @Override
    public Mono<Account> openAccount(UUID userId, UUID idempotencyKey) {
        String what = "account for user " + userId;
        // identity and contact details are onboarding's (the KYC provider's); the broker account is keyed by
        // the STACK user id, which never leaves as personal data
        AccountRequest body = new AccountRequest(new Contact(userId + "@users.stack.invalid"),
                new Identity("STACK", userId.toString()));
        return call(what, web.post().uri("/v1/accounts")
                .header("Idempotency-Key", idempotencyKey.toString())
                .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .retrieve()
                .onStatus(status -> !status.is2xxSuccessful(), response -> translate(what, response))
                .bodyToMono(AccountAnswer.class)
                .map(answer -> {
                    if (answer.id() == null) {
                        throw new BrokerUnavailableException("Alpaca answered the " + what + " without an id", null);
                    }
                    return new Account(answer.id(), answer.accountNumber() == null ? answer.id() : answer.accountNumber());
                }));
    }

    @Override
    public Mono<Transfer> fund(Account account, UUID depositId, BigDecimal amountUsd, UUID idempotencyKey) {
        return journal("journal for deposit " + depositId, properties.firmAccountId(), account.accountId(), amountUsd,
                "STACK deposit " + depositId, idempotencyKey);
    }

    @Override
    public Mono<Transfer> fundingStatus(String transferId) {
        if (transferId == null || !JOURNAL_ID.matcher(transferId).matches()) {
            return Mono.error(new BrokerRefusedException("Not an Alpaca journal id"));
        }
        String what = "journal " + transferId;
        return call(what, web.get().uri("/v1/journals/{id}", transferId)
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .onStatus(status -> !status.is2xxSuccessful(), response -> translate(what, response))
                .bodyToMono(JournalAnswer.class)
                .map(answer -> transfer(what, answer)));
    }

    @Override
    public Mono<Transfer> withdraw(Account account, UUID withdrawalId, BigDecimal amountUsd, UUID idempotencyKey) {
        return journal("journal for withdrawal " + withdrawalId, account.accountId(), properties.firmAccountId(), amountUsd,
                "STACK withdrawal " + withdrawalId, idempotencyKey);
    }

    /** A cash journal (JNLC) between the firm account and a user's, either way. */
    private Mono<Transfer> journal(String what, String from, String to, BigDecimal amountUsd, String description,
            UUID idempotencyKey) {
        JournalRequest body = new JournalRequest("JNLC", from, to, amountUsd.setScale(2).toPlainString(), description);
        return call(what, web.post().uri("/v1/journals")
                .header("Idempotency-Key", idempotencyKey.toString())
                .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .retrieve()
                .onStatus(status -> !status.is2xxSuccessful(), response -> translate(what, response))
                .bodyToMono(JournalAnswer.class)
                .map(answer -> transfer(what, answer)))
                .doOnNext(transfer -> log.info("Alpaca {} {}: {} USD {} -> {}: {}", what, transfer.transferId(),
                        body.amount(), from, to, transfer.status()));
    }

    @Override
    public Mono<Transfer> withdrawalStatus(String transferId) {
        return fundingStatus(transferId);
    }

    /** Alpaca's journal statuses as the saga counts them. */
    public static Status status(String journalStatus) {
        return switch (journalStatus == null ? "" : journalStatus.toLowerCase(Locale.ROOT)) {
            case "executed" -> Status.COMPLETE;
            case "rejected", "refused", "canceled", "deleted" -> Status.FAILED;
            // queued, sent_to_clearing, pending, activity_created; "correct" is replaced by a new journal
            default -> Status.PENDING;
        };
    }

    private <T> Mono<T> call(String what, Mono<T> attempt) {
        return calls.call(what, attempt);
    }

    static Mono<? extends Throwable> translate(String what, ClientResponse response) {
        int status = response.statusCode().value();
        return PartnerErrors.describe(response, ErrorAnswer.class,
                        error -> "Alpaca " + error.code() + ": " + PartnerErrors.abbreviated(error.message()))
                .map(detail -> {
                    String message = "Alpaca " + what + ": HTTP " + status + detail;
                    if (PartnerErrors.isTransient(status)) {
                        return new BrokerUnavailableException(message, null);
                    }
                    log.error("Alpaca refused the {}: HTTP {}{}", what, status, detail);
                    return new BrokerRefusedException(message);
                });
    }

    private static Transfer transfer(String what, JournalAnswer answer) {
        if (answer == null || answer.id() == null || answer.id().isBlank() || answer.status() == null) {
            throw new BrokerUnavailableException("Alpaca answered the " + what + " without an id and status", null);
        }
        Status status = status(answer.status());
        return new Transfer(answer.id(), status, status == Status.FAILED ? "journal " + answer.status() : null);
    }


    record Contact(@JsonProperty("email_address") String emailAddress) {
    }

    record Identity(@JsonProperty("given_name") String givenName, @JsonProperty("family_name") String familyName) {
    }

    record AccountRequest(Contact contact, Identity identity) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AccountAnswer(String id, @JsonProperty("account_number") String accountNumber) {
    }

    record JournalRequest(@JsonProperty("entry_type") String entryType, @JsonProperty("from_account") String fromAccount,
            @JsonProperty("to_account") String toAccount, String amount, String description) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record JournalAnswer(String id, String status) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorAnswer(Long code, String message) {
    }
}
