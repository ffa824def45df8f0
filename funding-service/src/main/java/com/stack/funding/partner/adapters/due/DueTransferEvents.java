package com.stack.funding.partner.adapters.due;

import com.stack.funding.deposit.app.OffRampReports;
import com.stack.funding.inbox.app.InboxHandler;
import com.stack.funding.inbox.app.PartnerInbox;
import com.stack.funding.inbox.domain.InboxOutcome;
import com.stack.funding.shared.domain.Partners;
import com.stack.funding.shared.domain.PayoutReport;
import com.stack.funding.withdrawal.app.WithdrawalRampReports;
import com.stack.funding.withdrawal.app.WithdrawalStore;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Due's {@code transfer.status_changed} webhooks: a deposit's off-ramp or a withdrawal's on-ramp event. As Due
 * asks, the transfer is read back before the event counts (the webhook only says that something changed), and
 * its current status is applied by {@link WithdrawalRampReports} when a withdrawal holds the transfer, else by
 * {@link OffRampReports} (which retries a transfer no deposit holds yet). A withdrawal's refund (Due wiring the USD
 * back from the user's virtual account) completes when the broker reports the wire in, not here: its events are only
 * noted, a failure loudly (the compensation stays open). A read that fails is an error: the inbox retries the event.
 */
public class DueTransferEvents implements InboxHandler {

    public static final String TYPE = "transfer.status_changed";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DueClient due;
    private final OffRampReports reports;
    private final WithdrawalStore withdrawals;
    private final WithdrawalRampReports withdrawalReports;

    public DueTransferEvents(
            DueClient due,
            OffRampReports reports,
            WithdrawalStore withdrawals,
            WithdrawalRampReports withdrawalReports) {
        this.due = due;
        this.reports = reports;
        this.withdrawals = withdrawals;
        this.withdrawalReports = withdrawalReports;
    }

    @Override
    public String partner() {
        return Partners.DUE;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Mono<InboxOutcome> handle(PartnerInbox.Message message) {
        String transferId;
        try {
            JsonNode data = JSON.readTree(message.payload()).path("data");
            transferId = data.path("id").isString() ? data.path("id").asString() : null;
        } catch (JacksonException e) {
            transferId = null;
        }
        if (transferId == null || transferId.isBlank()) {
            return Mono.just(InboxOutcome.failed("malformed", "a transfer event needs data.id"));
        }
        String id = transferId;
        return due.read(id).flatMap(transfer -> {
            PayoutReport.Outcome outcome = switch (DueClient.statusOf(transfer.status())) {
                case PENDING -> PayoutReport.Outcome.PENDING;
                case COMPLETE -> PayoutReport.Outcome.COMPLETE;
                case FAILED -> PayoutReport.Outcome.FAILED;
            };
            PayoutReport report = new PayoutReport(id, outcome, null, transfer.failureReason());
            return withdrawals
                    .findByOnRampTransfer(id)
                    .flatMap(legs -> withdrawalReports.apply(legs.withdrawal(), report))
                    .switchIfEmpty(
                            Mono.defer(() -> withdrawals.findByBrokerRefund(id).map(legs -> refund(legs, report))))
                    .switchIfEmpty(Mono.defer(() -> reports.apply(report)));
        });
    }

    private static InboxOutcome refund(com.stack.funding.withdrawal.domain.WithdrawalLegs legs, PayoutReport report) {
        String transfer = "Due transfer " + report.payoutId() + " refunding withdrawal "
                + legs.withdrawal().id();
        if (report.outcome() == PayoutReport.Outcome.FAILED) {
            org.slf4j.LoggerFactory.getLogger(DueTransferEvents.class)
                    .error(
                            "{} failed ({}); the USD is back in the"
                                    + " virtual account and the compensation stays open",
                            transfer,
                            report.errorCode());
            return InboxOutcome.failed("refund_failed", transfer + " failed: " + report.errorCode());
        }
        return InboxOutcome.ignored(
                "no_change",
                transfer + " " + report.outcome().name().toLowerCase(java.util.Locale.ROOT)
                        + "; the refund is done when the broker has the wire");
    }
}
