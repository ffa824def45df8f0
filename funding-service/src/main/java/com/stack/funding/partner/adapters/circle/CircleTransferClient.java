package com.stack.funding.partner.adapters.circle;

import java.math.BigDecimal;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.stack.funding.partner.adapters.PartnerCallException;
import com.stack.funding.shared.domain.Chain;
import com.stack.funding.shared.domain.Partners;
import com.stack.funding.withdrawal.app.OnRamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Circle Mint's business-account transfers as the {@link OnRamp}: {@code POST /v1/businessAccount/transfers}
 * sends USDC, bought 1:1 with the business account's USD, to a blockchain address; {@code GET
 * /v1/businessAccount/transfers/{id}} reads one back. Circle dedupes on the body's {@code idempotencyKey},
 * so a retried request returns the transfer made the first time: transient failures are retried
 * ({@link CircleApi}), other answers are refusals for good (insufficient funds, a bad address).
 */
public class CircleTransferClient implements OnRamp {

    static final String TRANSFERS_PATH = "/v1/businessAccount/transfers";

    private static final Logger log = LoggerFactory.getLogger(CircleTransferClient.class);

    private final CircleApi circle;

    public CircleTransferClient(WebClient.Builder webClients, CircleProperties properties) {
        this.circle = new CircleApi(
                webClients,
                properties.payoutsBaseUrl(),
                properties.apiKey(),
                "circle-transfers",
                properties.transferResilience());
    }

    @Override
    public String partner() {
        return Partners.CIRCLE;
    }

    @Override
    public Mono<OnRampTransfer> initiate(
            UUID withdrawalId, BigDecimal amountUsd, Chain chain, String destinationAddress, UUID idempotencyKey) {
        String what = "transfer for withdrawal " + withdrawalId;
        TransferRequest body = new TransferRequest(
                idempotencyKey.toString(),
                new Destination("blockchain", destinationAddress, chainOf(chain)),
                new CircleApi.Money(amountUsd.setScale(2).toPlainString(), "USD"));
        return circle.post(what, TRANSFERS_PATH, body, TransferAnswer.class)
                .map(answer -> transfer(what, answer))
                .onErrorMap(PartnerCallException.class, CircleTransferClient::asOnRampFailure)
                .doOnNext(transfer -> log.info(
                        "Circle transfer {} for withdrawal {} ({} USD to {} on {}): {}",
                        transfer.partnerTransferId(),
                        withdrawalId,
                        body.amount().amount(),
                        destinationAddress,
                        body.destination().chain(),
                        transfer.status()));
    }

    @Override
    public Mono<OnRampTransfer> status(String partnerTransferId) {
        String what = "transfer " + partnerTransferId;
        return circle.get(what, TRANSFERS_PATH, partnerTransferId, TransferAnswer.class)
                .map(answer -> transfer(what, answer))
                .onErrorMap(PartnerCallException.class, CircleTransferClient::asOnRampFailure);
    }

    /** Circle Mint's chain names: its sandbox means the testnets by them. */
    static String chainOf(Chain chain) {
        return switch (chain) {
            case ETHEREUM -> "ETH";
            case SOLANA -> "SOL";
        };
    }

    static RuntimeException asOnRampFailure(PartnerCallException e) {
        return e.isTransient()
                ? new OnRampUnavailableException(e.getMessage(), e)
                : new OnRampRefusedException(e.getMessage());
    }

    private static OnRampTransfer transfer(String what, TransferAnswer answer) {
        TransferData data = answer == null ? null : answer.data();
        Status status = data == null ? null : CircleApi.mintStatus(data.status(), Status.class);
        if (data == null || data.id() == null || data.id().isBlank() || status == null) {
            // the transfer may exist: asking again with the same key finds it
            throw new OnRampUnavailableException(
                    "Circle answered the " + what + " without a transfer id and status", null);
        }
        return new OnRampTransfer(data.id(), status, status == Status.FAILED ? data.errorCode() : null);
    }

    record TransferRequest(String idempotencyKey, Destination destination, CircleApi.Money amount) {}

    record Destination(String type, String address, String chain) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TransferAnswer(TransferData data) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TransferData(String id, String status, String transactionHash, String errorCode) {}
}
