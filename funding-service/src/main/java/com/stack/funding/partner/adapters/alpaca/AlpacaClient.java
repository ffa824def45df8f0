package com.stack.funding.partner.adapters.alpaca;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.stack.defaults.partners.PartnerCalls;
import com.stack.defaults.partners.alpaca.AlpacaConnection;
import com.stack.defaults.resilience.PartnerErrors;
import com.stack.funding.broker.app.Brokerage;
import com.stack.funding.shared.domain.Partners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Alpaca's Broker API as the {@link Brokerage}: {@code POST /v1/accounts} opens the user's account and a
 * cash journal ({@code POST /v1/journals}, entry type JNLC) from the firm account funds it;
 * {@code GET /v1/journals/{id}} reads one back. A withdrawal is journaled to the firm, or, when it names a payee bank
 * (the user's Due virtual account), wired there from the account: the bank is made a recipient bank of the account
 * ({@code /v1/accounts/{id}/recipient_banks}, found by account number and routing number, else created; a 409 means an
 * earlier attempt created it: found again), then an OUTGOING wire ({@code POST /v1/accounts/{id}/transfers}) is sent.
 * Alpaca has no read of one transfer: the account's transfers are listed and the one wanted picked by its id.
 * HTTP Basic auth. Writes carry Alpaca's
 * {@code Idempotency-Key} (same key and body: the original is returned; a different body: 422), so retrying
 * transient failures (5xx, 429, timeouts, connection errors) is safe. Alpaca's error bodies
 * ({@code {code, message}}) are translated here.
 */
public class AlpacaClient implements Brokerage {

    private static final Logger log = LoggerFactory.getLogger(AlpacaClient.class);
    private static final Pattern JOURNAL_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final int CONFLICT = 409;

    private final WebClient web;
    private final AlpacaProperties properties;
    private final PartnerCalls calls;

    public AlpacaClient(WebClient.Builder webClients, AlpacaConnection connection, AlpacaProperties properties) {
        this.properties = properties;
        this.web = connection.client(webClients);
        this.calls = new PartnerCalls(
                "Alpaca",
                "alpaca",
                connection.resilience(),
                BrokerUnavailableException.class,
                BrokerRefusedException.class,
                BrokerUnavailableException::new);
    }

    @Override
    public String partner() {
        return Partners.ALPACA;
    }

    @Override
    public Mono<Account> openAccount(UUID userId, UUID idempotencyKey) {
        String what = "account for user " + userId;
        // identity and contact details are onboarding's (the KYC provider's); the broker account is keyed by
        // the STACK user id, which never leaves as personal data
        AccountRequest body = new AccountRequest(
                new Contact(userId + "@users.stack.invalid"), new Identity("STACK", userId.toString()));
        return call(
                what,
                web.post()
                        .uri("/v1/accounts")
                        .header("Idempotency-Key", idempotencyKey.toString())
                        .contentType(MediaType.APPLICATION_JSON)
                        .accept(MediaType.APPLICATION_JSON)
                        .bodyValue(body)
                        .retrieve()
                        .onStatus(status -> !status.is2xxSuccessful(), response -> translate(what, response))
                        .bodyToMono(AccountAnswer.class)
                        .map(answer -> {
                            if (answer.id() == null) {
                                throw new BrokerUnavailableException(
                                        "Alpaca answered the " + what + " without an id", null);
                            }
                            return new Account(
                                    answer.id(), answer.accountNumber() == null ? answer.id() : answer.accountNumber());
                        }));
    }

    @Override
    public Mono<Transfer> fund(Account account, UUID depositId, BigDecimal amountUsd, UUID idempotencyKey) {
        return journal(
                "journal for deposit " + depositId,
                properties.firmAccountId(),
                account.accountId(),
                amountUsd,
                "STACK deposit " + depositId,
                idempotencyKey);
    }

    @Override
    public Mono<Transfer> fundingStatus(String transferId) {
        if (transferId == null || !JOURNAL_ID.matcher(transferId).matches()) {
            return Mono.error(new BrokerRefusedException("Not an Alpaca journal id"));
        }
        String what = "journal " + transferId;
        return call(
                what,
                web.get()
                        .uri("/v1/journals/{id}", transferId)
                        .accept(MediaType.APPLICATION_JSON)
                        .retrieve()
                        .onStatus(status -> !status.is2xxSuccessful(), response -> translate(what, response))
                        .bodyToMono(JournalAnswer.class)
                        .map(answer -> transfer(what, answer)));
    }

    @Override
    public Mono<Transfer> withdraw(Account account, UUID withdrawalId, BigDecimal amountUsd, UUID idempotencyKey) {
        return journal(
                "journal for withdrawal " + withdrawalId,
                account.accountId(),
                properties.firmAccountId(),
                amountUsd,
                "STACK withdrawal " + withdrawalId,
                idempotencyKey);
    }

    /** A cash journal (JNLC) between the firm account and a user's, either way. */
    private Mono<Transfer> journal(
            String what, String from, String to, BigDecimal amountUsd, String description, UUID idempotencyKey) {
        JournalRequest body =
                new JournalRequest("JNLC", from, to, amountUsd.setScale(2).toPlainString(), description);
        return call(
                        what,
                        web.post()
                                .uri("/v1/journals")
                                .header("Idempotency-Key", idempotencyKey.toString())
                                .contentType(MediaType.APPLICATION_JSON)
                                .accept(MediaType.APPLICATION_JSON)
                                .bodyValue(body)
                                .retrieve()
                                .onStatus(status -> !status.is2xxSuccessful(), response -> translate(what, response))
                                .bodyToMono(JournalAnswer.class)
                                .map(answer -> transfer(what, answer)))
                .doOnNext(transfer -> log.info(
                        "Alpaca {} {}: {} USD {} -> {}: {}",
                        what,
                        transfer.transferId(),
                        body.amount(),
                        from,
                        to,
                        transfer.status()));
    }

    @Override
    public Mono<Transfer> withdrawalStatus(String transferId) {
        return fundingStatus(transferId);
    }

    @Override
    public boolean wiresToBanks() {
        return true;
    }

    @Override
    public Mono<Transfer> withdrawTo(
            Account account, UUID withdrawalId, BigDecimal amountUsd, PayeeBank payee, UUID idempotencyKey) {
        String what = "wire for withdrawal " + withdrawalId;
        return recipientBank(account, payee)
                .flatMap(bankId -> {
                    TransferRequest body = new TransferRequest(
                            "wire",
                            bankId,
                            amountUsd.setScale(2).toPlainString(),
                            "OUTGOING",
                            "STACK withdrawal " + withdrawalId);
                    return call(
                                    what,
                                    web.post()
                                            .uri("/v1/accounts/{id}/transfers", account.accountId())
                                            .header("Idempotency-Key", idempotencyKey.toString())
                                            .contentType(MediaType.APPLICATION_JSON)
                                            .accept(MediaType.APPLICATION_JSON)
                                            .bodyValue(body)
                                            .retrieve()
                                            .onStatus(
                                                    status -> !status.is2xxSuccessful(),
                                                    response -> translate(what, response))
                                            .bodyToMono(TransferAnswer.class)
                                            .map(answer -> transfer(what, answer)))
                            .doOnNext(transfer -> log.info(
                                    "Alpaca {} {}: {} USD from {} to recipient bank {}: {}",
                                    what,
                                    transfer.transferId(),
                                    body.amount(),
                                    account.accountId(),
                                    bankId,
                                    transfer.status()));
                })
                // a refusal may answer a retry whose first attempt's answer was lost (its body differing now: a
                // recipient bank made again); if a wire for this withdrawal went out, it is the answer, never a
                // refusal that would release a hold whose USD already left
                .onErrorResume(
                        BrokerRefusedException.class,
                        refusal -> earlierWire(account, withdrawalId)
                                .doOnNext(wire -> log.warn(
                                        "Alpaca refused the {} ({}), but wire {} for it went out before: that"
                                                + " one is the answer",
                                        what,
                                        refusal.getMessage(),
                                        wire.transferId()))
                                .switchIfEmpty(Mono.error(refusal)));
    }

    /** The OUTGOING wire already made for the withdrawal (its memo names it), in whatever status; empty if none. */
    private Mono<Transfer> earlierWire(Account account, UUID withdrawalId) {
        String memo = "STACK withdrawal " + withdrawalId;
        return transfers(account, "OUTGOING")
                .filter(answer -> memo.equals(answer.additionalInformation()))
                .next()
                .map(answer -> transfer("wire for withdrawal " + withdrawalId, answer));
    }

    /**
     * The id of the account's recipient bank with the payee's details: found, else created. Creating carries no
     * idempotency key at Alpaca; the same details again are a 409, answered by finding the bank again.
     */
    Mono<String> recipientBank(Account account, PayeeBank payee) {
        String what = "recipient bank of account " + account.accountId();
        Mono<String> found = recipientBanks(account)
                .filter(bank -> payee.accountNumber().equals(bank.accountNumber())
                        && payee.routingNumber().equals(bank.bankCode())
                        && !"CANCELED".equalsIgnoreCase(bank.status())
                        && bank.id() != null)
                .map(RecipientBankAnswer::id)
                .next();
        RecipientBankRequest body = new RecipientBankRequest(
                payee.bankName() == null || payee.bankName().isBlank()
                        ? "Bank " + payee.routingNumber()
                        : payee.bankName(),
                payee.routingNumber(),
                "ABA",
                payee.accountNumber());
        Mono<String> created = call(
                        what,
                        web.post()
                                .uri("/v1/accounts/{id}/recipient_banks", account.accountId())
                                .contentType(MediaType.APPLICATION_JSON)
                                .accept(MediaType.APPLICATION_JSON)
                                .bodyValue(body)
                                .exchangeToMono(response ->
                                        response.statusCode().value() == CONFLICT
                                                ? response.releaseBody().then(Mono.<RecipientBankAnswer>empty())
                                                : response.statusCode().is2xxSuccessful()
                                                        ? response.bodyToMono(RecipientBankAnswer.class)
                                                        : translate(what, response)
                                                                .flatMap(e -> Mono.<RecipientBankAnswer>error(e))))
                .flatMap(answer -> answer.id() == null
                        ? Mono.<String>error(
                                new BrokerUnavailableException("Alpaca answered the " + what + " without an id", null))
                        : Mono.just(answer.id()))
                .doOnNext(id -> log.info(
                        "Alpaca recipient bank {} created on account {} (routing number {})",
                        id,
                        account.accountId(),
                        payee.routingNumber()));
        Mono<String> foundAgain = Mono.defer(() -> found)
                .switchIfEmpty(Mono.error(() -> new BrokerUnavailableException(
                        "Alpaca refused the " + what + " as a duplicate, yet lists none like it", null)));
        return found.switchIfEmpty(Mono.defer(() -> created.switchIfEmpty(foundAgain)));
    }

    private Flux<RecipientBankAnswer> recipientBanks(Account account) {
        String what = "recipient banks of account " + account.accountId();
        return call(
                        what,
                        web.get()
                                .uri("/v1/accounts/{id}/recipient_banks", account.accountId())
                                .accept(MediaType.APPLICATION_JSON)
                                .retrieve()
                                .onStatus(status -> !status.is2xxSuccessful(), response -> translate(what, response))
                                .bodyToMono(RecipientBankList.class))
                .flatMapIterable(list -> list);
    }

    /** A wire first (read from the account's OUTGOING transfers), else a journal (withdrawals paid to the firm). */
    @Override
    public Mono<Transfer> withdrawalStatus(Account account, String transferId) {
        String what = "transfer " + transferId;
        return transfers(account, "OUTGOING")
                .filter(answer -> transferId.equals(answer.id()))
                .next()
                .map(answer -> transfer(what, answer))
                .switchIfEmpty(Mono.defer(() -> fundingStatus(transferId)));
    }

    @Override
    public Flux<IncomingWire> incomingWires(Account account) {
        return transfers(account, "INCOMING")
                .filter(answer -> answer.id() != null && answer.status() != null)
                .map(answer -> new IncomingWire(
                        answer.id(), transferStatus(answer.status()), answer.amount(), answer.additionalInformation()));
    }

    @Override
    public PayeeBank incomingWireInstructions(Account account) {
        return new PayeeBank(
                account.accountNo(),
                properties.incomingWire().routingNumber(),
                properties.incomingWire().bankName());
    }

    /** The account's transfers in one direction, newest first. */
    private Flux<TransferAnswer> transfers(Account account, String direction) {
        String what = direction.toLowerCase(Locale.ROOT) + " transfers of account " + account.accountId();
        return call(
                        what,
                        web.get()
                                .uri(uri -> uri.path("/v1/accounts/{id}/transfers")
                                        .queryParam("direction", direction)
                                        .build(account.accountId()))
                                .accept(MediaType.APPLICATION_JSON)
                                .retrieve()
                                .onStatus(status -> !status.is2xxSuccessful(), response -> translate(what, response))
                                .bodyToMono(TransferList.class))
                .flatMapIterable(list -> list);
    }

    /** Alpaca's transfer statuses as the saga counts them. */
    public static Status transferStatus(String transferStatus) {
        return switch (transferStatus == null ? "" : transferStatus.toUpperCase(Locale.ROOT)) {
            case "COMPLETE", "COMPLETED" -> Status.COMPLETE;
            // RETURNED: the bank sent it back, the cash is in the account again
            case "REJECTED", "CANCELED", "CANCELLED", "RETURNED" -> Status.FAILED;
            // QUEUED, APPROVAL_PENDING, PENDING, SENT_TO_CLEARING, APPROVED
            default -> Status.PENDING;
        };
    }

    private static Transfer transfer(String what, TransferAnswer answer) {
        if (answer == null || answer.id() == null || answer.id().isBlank() || answer.status() == null) {
            throw new BrokerUnavailableException("Alpaca answered the " + what + " without an id and status", null);
        }
        Status status = transferStatus(answer.status());
        return new Transfer(
                answer.id(),
                status,
                status == Status.FAILED
                        ? "wire " + answer.status() + (answer.reason() == null ? "" : ": " + answer.reason())
                        : null);
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
        return PartnerErrors.describe(
                        response,
                        ErrorAnswer.class,
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

    record Contact(@JsonProperty("email_address") String emailAddress) {}

    record Identity(
            @JsonProperty("given_name") String givenName,
            @JsonProperty("family_name") String familyName) {}

    record AccountRequest(Contact contact, Identity identity) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AccountAnswer(
            String id, @JsonProperty("account_number") String accountNumber) {}

    record JournalRequest(
            @JsonProperty("entry_type") String entryType,
            @JsonProperty("from_account") String fromAccount,
            @JsonProperty("to_account") String toAccount,
            String amount,
            String description) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record JournalAnswer(String id, String status) {}

    record RecipientBankRequest(
            String name,
            @JsonProperty("bank_code") String bankCode,
            @JsonProperty("bank_code_type") String bankCodeType,
            @JsonProperty("account_number") String accountNumber) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RecipientBankAnswer(
            String id,
            String status,
            @JsonProperty("bank_code") String bankCode,
            @JsonProperty("account_number") String accountNumber) {}

    static final class RecipientBankList extends java.util.ArrayList<RecipientBankAnswer> {

        private static final long serialVersionUID = 1L;
    }

    record TransferRequest(
            @JsonProperty("transfer_type") String transferType,
            @JsonProperty("bank_id") String bankId,
            String amount,
            String direction,
            @JsonProperty("additional_information") String additionalInformation) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TransferAnswer(
            String id,
            @JsonProperty("account_id") String accountId,
            String status,
            BigDecimal amount,
            String direction,
            @JsonProperty("additional_information") String additionalInformation,
            String reason) {}

    static final class TransferList extends java.util.ArrayList<TransferAnswer> {

        private static final long serialVersionUID = 1L;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorAnswer(Long code, String message) {}
}
