package com.stack.funding.partner.adapters.due;

import java.math.BigDecimal;
import java.util.UUID;

import com.stack.funding.partner.adapters.PartnerCallException;
import com.stack.funding.shared.domain.Chain;
import com.stack.funding.shared.domain.Partners;
import com.stack.funding.withdrawal.app.OnRamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Due's ramp API as the {@link OnRamp}, on {@link DueClient}'s plumbing: the user's virtual account on the chain
 * ({@link DueVirtualAccounts}: found, or opened on the first withdrawal), a quote for the USD -> USDC
 * conversion ({@code POST /v1/transfers/quote}, from {@code stack.due.on-ramp-source-rail} to the chain's rail),
 * then a transfer on it from the virtual account (its {@code sender}) to the destination address
 * ({@code POST /v1/transfers}) under the command's {@code Idempotency-Key}; {@code GET /v1/transfers/{id}} reads
 * one back. A refusal to open the virtual account is the on-ramp's refusal (the withdrawal is compensated). As for the off-ramp, each attempt
 * takes a fresh quote and a repeated key answers the transfer made the first time (Due's idempotency
 * ignores the quote token on a replay; not documented, the sandbox behaves so). A quote that would deliver
 * less USDC than the USD asked for (a fee, a rate other than 1:1) is refused: the withdrawal's wallet
 * transfer sends exactly that amount on. The memo names the withdrawal.
 */
public class DueOnRamp implements OnRamp {

    private static final Logger log = LoggerFactory.getLogger(DueOnRamp.class);

    private final DueClient due;
    private final DueVirtualAccounts virtualAccounts;
    private final String sourceRail;

    public DueOnRamp(DueClient due, DueVirtualAccounts virtualAccounts, DueProperties properties) {
        this.due = due;
        this.virtualAccounts = virtualAccounts;
        this.sourceRail = properties.onRampSourceRail();
    }

    @Override
    public String partner() {
        return Partners.DUE;
    }

    /** Refused: Due converts a withdrawal's USD from the user's virtual account, so the user must be known. */
    @Override
    public Mono<OnRampTransfer> initiate(
            UUID withdrawalId, BigDecimal amountUsd, Chain chain, String destinationAddress, UUID idempotencyKey) {
        return Mono.error(new OnRampRefusedException(
                "Due on-ramps from the user's virtual account: the withdrawal's" + " user is needed"));
    }

    @Override
    public Mono<OnRampTransfer> initiate(
            UUID userId,
            UUID withdrawalId,
            BigDecimal amountUsd,
            Chain chain,
            String destinationAddress,
            UUID idempotencyKey) {
        String amount = amountUsd.setScale(2).toPlainString();
        return virtualAccounts
                .forUser(userId, chain, destinationAddress)
                .flatMap(account -> due.transfer(
                                "on-ramp of withdrawal " + withdrawalId,
                                new DueClient.Leg(sourceRail, "USD", amount),
                                new DueClient.Leg(railOf(chain), "USDC", null),
                                amountUsd,
                                idempotencyKey,
                                quote -> new DueClient.TransferRequest(
                                        quote,
                                        null,
                                        destinationAddress,
                                        account.virtualAccountId(),
                                        memo(withdrawalId)))
                        .doOnNext(answer -> log.info(
                                "Due transfer {} of {} USD from virtual account {} to {} on {} for"
                                        + " withdrawal {}: {}",
                                answer.id(),
                                amount,
                                account.virtualAccountId(),
                                destinationAddress,
                                chain,
                                withdrawalId,
                                answer.status())))
                .map(DueOnRamp::transfer)
                .onErrorMap(PartnerCallException.class, DueOnRamp::asOnRampFailure);
    }

    @Override
    public Mono<OnRampTransfer> status(String partnerTransferId) {
        return due.readTransfer(partnerTransferId)
                .map(DueOnRamp::transfer)
                .onErrorMap(PartnerCallException.class, DueOnRamp::asOnRampFailure);
    }

    /** Due's rail names of the chains. */
    static String railOf(Chain chain) {
        return switch (chain) {
            case ETHEREUM -> "ethereum";
            case SOLANA -> "solana";
        };
    }

    /** Names the withdrawal, so an on-ramp transfer can be told from a deposit's off-ramp and traced back. */
    static String memo(UUID withdrawalId) {
        return "STACK withdrawal " + withdrawalId;
    }

    private static OnRampTransfer transfer(DueClient.TransferAnswer answer) {
        Status status = switch (DueClient.statusOf(answer.status())) {
            case PENDING -> Status.PENDING;
            case COMPLETE -> Status.COMPLETE;
            case FAILED -> Status.FAILED;
        };
        return new OnRampTransfer(answer.id(), status, status == Status.FAILED ? answer.failureReason() : null);
    }

    private static RuntimeException asOnRampFailure(PartnerCallException e) {
        return e.isTransient()
                ? new OnRampUnavailableException(e.getMessage(), e)
                : new OnRampRefusedException(e.getMessage());
    }
}
