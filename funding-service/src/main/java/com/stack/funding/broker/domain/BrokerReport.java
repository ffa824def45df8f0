package com.stack.funding.broker.domain;

import java.math.BigDecimal;

/**
 * The broker's report on the funding of a user's brokerage account (DriveWealth's {@code deposits.updated}
 * event, Alpaca's journal status), in the partner's words translated to three outcomes.
 *
 * @param transferId the broker's id of the deposit or journal
 * @param outcome    where it stands; PENDING reports change nothing
 * @param amountUsd  the amount the broker reports, or null
 * @param reason     the broker's reason when it failed, or null
 */
public record BrokerReport(String transferId, Outcome outcome, BigDecimal amountUsd, String reason) {

    public enum Outcome {
        PENDING,
        COMPLETE,
        FAILED
    }
}
