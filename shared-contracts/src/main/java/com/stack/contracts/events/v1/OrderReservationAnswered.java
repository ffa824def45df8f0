package com.stack.contracts.events.v1;

import java.time.Instant;
import java.util.UUID;

import com.stack.contracts.events.EventPayload;

/**
 * Funding's answer to {@link OrderReservationRequested}, published in the transaction that placed the hold (after
 * the {@link BuyingPowerChanged} of that hold, on the same topic and key, so a consumer reads them in that order).
 *
 * @param outcome         {@code RESERVED} or {@code REFUSED}
 * @param reason          when refused: {@code INSUFFICIENT_BUYING_POWER} or {@code NO_BROKER_ACCOUNT}; else null
 * @param heldUsd         the hold placed (2 decimals): the order's amount for a buy, {@code 0.00} for a sell or a refusal
 * @param broker          the broker of the answering funding ({@code drivewealth} or {@code alpaca}); an investing
 *                        service configured for another broker ignores the answer
 * @param brokerAccountId the user's account at that broker (null when refused for want of one)
 * @param brokerAccountNo the account's number at the broker (DriveWealth's accountNo; Alpaca's account number)
 */
public record OrderReservationAnswered(
        UUID userId,
        UUID orderId,
        String outcome,
        String reason,
        String heldUsd,
        String broker,
        String brokerAccountId,
        String brokerAccountNo,
        Instant answeredAt)
        implements EventPayload {}
