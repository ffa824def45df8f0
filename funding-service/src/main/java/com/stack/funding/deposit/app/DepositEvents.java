package com.stack.funding.deposit.app;

import com.stack.contracts.events.v1.DepositStatusChanged;
import com.stack.contracts.events.v1.NotificationRequested;
import com.stack.funding.deposit.domain.Deposit;

/** The {@link DepositStatusChanged} announcing a deposit as it now is (its version lets consumers drop stale ones). */
final class DepositEvents {

    static final String USDC = "USDC";

    private DepositEvents() {}

    static DepositStatusChanged statusChanged(Deposit deposit) {
        return new DepositStatusChanged(
                deposit.userId(),
                deposit.id(),
                deposit.status().name(),
                deposit.amountUsdc().toPlainString(),
                USDC,
                deposit.version(),
                deposit.updatedAt());
    }

    /** The user's notification of a funded deposit (onboarding keeps the notification inbox). */
    static NotificationRequested fundedNotification(Deposit deposit) {
        return new NotificationRequested(
                deposit.userId(),
                "DEPOSIT_FUNDED",
                "Deposit complete",
                deposit.amountUsdc().stripTrailingZeros().toPlainString() + " USDC on "
                        + deposit.chain().name().charAt(0)
                        + deposit.chain().name().substring(1).toLowerCase(java.util.Locale.ROOT)
                        + " is now buying power in your account.");
    }

    /** The user's notification of a deposit that failed, with the reason. */
    static NotificationRequested failedNotification(Deposit deposit) {
        return new NotificationRequested(
                deposit.userId(),
                "DEPOSIT_FAILED",
                "Deposit failed",
                "Your deposit of " + deposit.amountUsdc().stripTrailingZeros().toPlainString()
                        + " USDC could not be completed: " + deposit.failureReason()
                        + ". Our team has been alerted and will contact you.");
    }
}
