package com.stack.funding.partner.adapters.circle;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.stack.defaults.circle.EntitySecretCiphertexts;
import com.stack.funding.partner.adapters.PartnerCallException;
import com.stack.funding.shared.domain.Chain;
import com.stack.funding.withdrawal.app.WalletTransfers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Circle's developer-controlled wallets as {@link WalletTransfers}: {@code POST
 * /v1/w3s/developer/transactions/transfer} sends USDC (the chain's USDC token id, fee level MEDIUM) out of a
 * custody wallet; {@code GET /v1/w3s/transactions/{id}} reads the transaction back. Circle dedupes on the
 * body's {@code idempotencyKey}, so a retried request returns the transaction made the first time. Every
 * attempt carries a fresh {@code entitySecretCiphertext} (Circle refuses one it has seen); a ciphertext
 * Circle cannot decrypt or has seen makes the key be fetched again and the request be asked again (nothing
 * was sent: Circle leaves the idempotency key free), not a refusal of the withdrawal.
 */
public class CircleWalletTransferClient implements WalletTransfers {

    static final String TRANSFER_PATH = "/v1/w3s/developer/transactions/transfer";
    static final String TRANSACTIONS_PATH = "/v1/w3s/transactions";

    private static final Logger log = LoggerFactory.getLogger(CircleWalletTransferClient.class);
    /** Circle's codes for an entity secret ciphertext it could not decrypt (156016) or has seen before (156017). */
    private static final Set<String> CIPHERTEXT_REFUSED = Set.of("156016", "156017");

    private static final int USDC_DECIMALS = 6;

    private final CircleApi circle;
    private final EntitySecretCiphertexts ciphertexts;
    private final CircleProperties.UsdcTokenIds usdcTokenIds;

    public CircleWalletTransferClient(WebClient.Builder webClients, CircleProperties properties) {
        this.circle = new CircleApi(
                webClients,
                properties.baseUrl(),
                properties.apiKey(),
                "circle-wallet-transfers",
                properties.walletResilience());
        this.ciphertexts = new EntitySecretCiphertexts(
                properties.entitySecretBytes(),
                circle.getAttempt(
                                "entity public key",
                                EntitySecretCiphertexts.PUBLIC_KEY_PATH,
                                EntitySecretCiphertexts.PublicKeyAnswer.class)
                        .mapNotNull(EntitySecretCiphertexts.PublicKeyAnswer::pem)
                        .switchIfEmpty(Mono.error(() -> PartnerCallException.unavailable(
                                "Circle answered without an entity public key", null))));
        this.usdcTokenIds = properties.usdcTokenIds();
    }

    @Override
    public Mono<OnChainTransaction> send(
            String walletId,
            Chain chain,
            String destinationAddress,
            BigDecimal amountUsdc,
            UUID idempotencyKey,
            String refId) {
        String what = "transfer " + refId + " from wallet " + walletId;
        if (amountUsdc.signum() <= 0 || amountUsdc.stripTrailingZeros().scale() > USDC_DECIMALS) {
            return Mono.error(new WalletTransferRefusedException(
                    "Not a USDC amount (positive, at most 6 decimals): " + amountUsdc.toPlainString()));
        }
        String amount = amountUsdc.stripTrailingZeros().toPlainString();
        Mono<TransferRequest> body = ciphertexts
                .next()
                .map(ciphertext -> new TransferRequest(
                        idempotencyKey,
                        ciphertext,
                        walletId,
                        destinationAddress,
                        List.of(amount),
                        usdcTokenIds.of(chain),
                        "MEDIUM",
                        refId));
        Mono<CreatedAnswer> attempt = circle.postAttempt(what, TRANSFER_PATH, body, CreatedAnswer.class)
                .onErrorMap(
                        e -> e instanceof PartnerCallException call && CIPHERTEXT_REFUSED.contains(call.partnerCode()),
                        e -> {
                            ciphertexts.forgetPublicKey();
                            return ((PartnerCallException) e).asTransient();
                        });
        return circle.call(what, attempt)
                .map(answer -> {
                    Created data = answer == null ? null : answer.data();
                    if (data == null || data.id() == null || data.id().isBlank()) {
                        // the transaction may exist: asking again with the same key finds it
                        throw new WalletTransferUnavailableException(
                                "Circle answered the " + what + " without a transaction id", null);
                    }
                    return new OnChainTransaction(data.id(), stateOf(data.state()), null, null);
                })
                .onErrorMap(PartnerCallException.class, CircleWalletTransferClient::asWalletTransferFailure)
                .doOnNext(transaction -> log.info(
                        "Circle wallet transaction {} for {}: {} USDC to {} on {}: {}",
                        transaction.transactionId(),
                        refId,
                        amount,
                        destinationAddress,
                        chain,
                        transaction.state()));
    }

    @Override
    public Mono<OnChainTransaction> status(String transactionId) {
        String what = "transaction " + transactionId;
        return circle.get(what, TRANSACTIONS_PATH, transactionId, TransactionAnswer.class)
                .map(answer -> {
                    Transaction transaction = answer == null || answer.data() == null
                            ? null
                            : answer.data().transaction();
                    if (transaction == null || transaction.id() == null || transaction.state() == null) {
                        throw new WalletTransferUnavailableException(
                                "Circle answered the " + what + " without its id and state", null);
                    }
                    return new OnChainTransaction(
                            transaction.id(),
                            stateOf(transaction.state()),
                            transaction.txHash(),
                            transaction.errorReason());
                })
                .onErrorMap(PartnerCallException.class, CircleWalletTransferClient::asWalletTransferFailure);
    }

    /**
     * Circle's transaction states as the port counts them. A state not known here counts as pending: only
     * Circle's word that it will never complete may fail a withdrawal (its USDC could still leave).
     */
    static State stateOf(String circleState) {
        State state = CircleNotifications.outboundStateOf(circleState);
        if (state == null) {
            log.warn("Circle transaction state {} is not known here: counted as pending", circleState);
            return State.PENDING;
        }
        return state;
    }

    private static RuntimeException asWalletTransferFailure(PartnerCallException e) {
        return e.isTransient()
                ? new WalletTransferUnavailableException(e.getMessage(), e)
                : new WalletTransferRefusedException(e.getMessage());
    }

    record TransferRequest(
            UUID idempotencyKey,
            String entitySecretCiphertext,
            String walletId,
            String destinationAddress,
            List<String> amounts,
            String tokenId,
            String feeLevel,
            String refId) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CreatedAnswer(Created data) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Created(String id, String state) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TransactionAnswer(TransactionData data) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TransactionData(Transaction transaction) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Transaction(
            String id,
            String state,
            String txHash,
            String errorReason,
            String walletId,
            String destinationAddress,
            List<String> amounts,
            String refId) {}
}
