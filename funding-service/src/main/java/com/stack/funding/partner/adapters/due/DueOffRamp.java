package com.stack.funding.partner.adapters.due;

import java.math.BigDecimal;
import java.util.UUID;

import com.stack.funding.deposit.app.OffRamp;
import com.stack.funding.partner.adapters.PartnerCallException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Due's ramp API as the {@link OffRamp}, on {@link DueClient}'s plumbing: a quote for the USDC -> USD
 * conversion, then a transfer on it to the broker's bank account (the configured recipient) under the
 * command's {@code Idempotency-Key}. The memo names the deposit, so a transfer can always be traced back to it.
 */
public class DueOffRamp implements OffRamp {

    private static final Logger log = LoggerFactory.getLogger(DueOffRamp.class);

    private final DueClient due;
    private final DueProperties properties;

    public DueOffRamp(DueClient due, DueProperties properties) {
        this.due = due;
        this.properties = properties;
    }

    @Override
    public Mono<OffRampTransfer> initiate(UUID depositId, BigDecimal amountUsd, UUID idempotencyKey) {
        String amount = amountUsd.setScale(2).toPlainString();
        return due.transfer(
                        "off-ramp of deposit " + depositId,
                        new DueClient.Leg(
                                properties.sourceRail(),
                                "USDC",
                                amountUsd.setScale(6).toPlainString()),
                        new DueClient.Leg(properties.destinationRail(), "USD", null),
                        amountUsd,
                        idempotencyKey,
                        quote -> new DueClient.TransferRequest(
                                quote, properties.recipientId(), null, null, memo(depositId)))
                .map(answer -> new OffRampTransfer(answer.id(), DueClient.statusOf(answer.status())))
                .onErrorMap(PartnerCallException.class, DueOffRamp::asOffRampFailure)
                .doOnNext(transfer -> log.info(
                        "Due transfer {} of {} USD for deposit {}: {}",
                        transfer.partnerTransferId(),
                        amount,
                        depositId,
                        transfer.status()));
    }

    @Override
    public Mono<OffRampTransfer> status(String partnerTransferId) {
        return due.readTransfer(partnerTransferId)
                .map(answer -> new OffRampTransfer(answer.id(), DueClient.statusOf(answer.status())))
                .onErrorMap(PartnerCallException.class, DueOffRamp::asOffRampFailure);
    }

    static String memo(UUID depositId) {
        return "STACK deposit " + depositId;
    }

    static RuntimeException asOffRampFailure(PartnerCallException e) {
        return e.isTransient()
                ? new OffRampUnavailableException(e.getMessage(), e)
                : new OffRampRefusedException(e.getMessage());
    }
}
