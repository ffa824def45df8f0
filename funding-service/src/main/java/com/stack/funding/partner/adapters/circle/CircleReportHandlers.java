package com.stack.funding.partner.adapters.circle;

import java.util.function.Function;

import com.stack.funding.deposit.app.OffRampReports;
import com.stack.funding.inbox.app.InboxHandler;
import com.stack.funding.inbox.domain.InboxOutcome;
import com.stack.funding.shared.domain.Partners;
import com.stack.funding.shared.domain.PayoutReport;
import com.stack.funding.withdrawal.app.WithdrawalRampReports;
import com.stack.funding.withdrawal.app.WithdrawalTransferReports;
import reactor.core.publisher.Mono;

/**
 * The inbox handlers of Circle's notifications that report a step of a saga: each reads the notification with
 * {@link CircleNotifications} (a notification that is not what its type says is refused for good with the reading's
 * outcome) and hands the report to the application. The notifications are signed by Circle (checked at intake), so
 * their states and hashes are taken as they are.
 */
public final class CircleReportHandlers {

    private CircleReportHandlers() {}

    /** {@code payouts}: the deposit off-ramp's completion event, applied by {@link OffRampReports}. */
    public static InboxHandler payouts(OffRampReports reports) {
        return payoutReports(CircleNotifications.PAYOUTS, CircleNotifications::payout, reports::apply);
    }

    /** Circle Mint's {@code transfers}: a withdrawal's on-ramp event, applied by {@link WithdrawalRampReports}. */
    public static InboxHandler onRampTransfers(WithdrawalRampReports reports) {
        return payoutReports(CircleNotifications.TRANSFERS, CircleNotifications::businessTransfer, reports::apply);
    }

    /**
     * {@code transactions.outbound}: a withdrawal's on-chain transfer event, applied by
     * {@link WithdrawalTransferReports}.
     */
    public static InboxHandler outboundTransactions(WithdrawalTransferReports reports) {
        return InboxHandler.of(Partners.CIRCLE, CircleNotifications.OUTBOUND_TRANSACTION, message -> {
            CircleNotifications.OutboundReading reading = CircleNotifications.outboundTransaction(message.payload());
            if (reading instanceof CircleNotifications.NotOutbound refused) {
                return Mono.just(refused.outcome());
            }
            CircleNotifications.Outbound outbound = (CircleNotifications.Outbound) reading;
            return reports.apply(outbound.transaction(), outbound.refId());
        });
    }

    /** A notification of {@code type} that reads as a payout-shaped report ({@code read}), applied by {@code apply}. */
    private static InboxHandler payoutReports(
            String type,
            Function<String, CircleNotifications.PayoutReading> read,
            Function<PayoutReport, Mono<InboxOutcome>> apply) {
        return InboxHandler.of(Partners.CIRCLE, type, message -> {
            CircleNotifications.PayoutReading reading = read.apply(message.payload());
            if (reading instanceof CircleNotifications.NotAPayout refused) {
                return Mono.just(refused.outcome());
            }
            return apply.apply(((CircleNotifications.Payout) reading).report());
        });
    }
}
