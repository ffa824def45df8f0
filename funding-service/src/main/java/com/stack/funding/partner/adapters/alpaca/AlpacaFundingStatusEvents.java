package com.stack.funding.partner.adapters.alpaca;

import com.stack.funding.broker.app.BrokerAccounts;
import com.stack.funding.broker.app.Brokerage;
import com.stack.funding.broker.domain.BrokerReport;
import com.stack.funding.brokerfunding.app.BrokerFundingReports;
import com.stack.funding.inbox.app.InboxHandler;
import com.stack.funding.inbox.app.PartnerInbox;
import com.stack.funding.inbox.domain.InboxOutcome;
import com.stack.funding.shared.domain.Partners;
import com.stack.funding.withdrawal.app.WithdrawalStore;
import com.stack.funding.withdrawal.domain.WireRefund;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Alpaca's funding status events, the accounts' wires:
 * <ul>
 *   <li>an OUTGOING wire is a withdrawal's payout into the user's Due virtual account: its status is the broker's
 *       report on the withdrawal holding the transfer ({@link BrokerFundingReports}; a transfer no withdrawal holds yet
 *       is retried);</li>
 *   <li>an INCOMING wire may be a withdrawal's refund, wired back by Due from the virtual account: the transfer is read
 *       back (Alpaca's own word on its status, amount and memo), its memo names the withdrawal, and when it is COMPLETE,
 *       into the withdrawal's user's account, for its amount, the compensation is done and the hold released
 *       ({@link WireRefund}).</li>
 * </ul>
 * Repeated and reordered events change nothing twice: the saga only moves forward, and the inbox stores an
 * {@code event_id} once.
 */
public class AlpacaFundingStatusEvents implements InboxHandler {

    private static final Logger log = LoggerFactory.getLogger(AlpacaFundingStatusEvents.class);

    private final BrokerFundingReports reports;
    private final WithdrawalStore withdrawals;
    private final BrokerAccounts accounts;
    private final Brokerage brokerage;

    public AlpacaFundingStatusEvents(
            BrokerFundingReports reports, WithdrawalStore withdrawals, BrokerAccounts accounts, Brokerage brokerage) {
        this.reports = reports;
        this.withdrawals = withdrawals;
        this.accounts = accounts;
        this.brokerage = brokerage;
    }

    @Override
    public String partner() {
        return Partners.ALPACA;
    }

    @Override
    public String type() {
        return AlpacaFundingEvents.STREAM;
    }

    @Override
    public Mono<InboxOutcome> handle(PartnerInbox.Message message) {
        AlpacaFundingEvents.Event event;
        try {
            event = AlpacaFundingEvents.event(message.payload());
        } catch (AlpacaFundingEvents.MalformedEventException e) {
            return Mono.just(InboxOutcome.failed("malformed", e.getMessage()));
        }
        return switch (event.direction()) {
            case OUTGOING -> reports.apply(AlpacaFundingEvents.report(event));
            case INCOMING ->
                event.status() == Brokerage.Status.PENDING
                        ? Mono.just(InboxOutcome.ignored(
                                "no_change", "incoming wire " + event.transferId() + " " + event.statusTo()))
                        : incoming(event);
        };
    }

    /** An incoming wire that ended: read back, and applied to the withdrawal its memo names if it is a refund. */
    private Mono<InboxOutcome> incoming(AlpacaFundingEvents.Event event) {
        Brokerage.Account account = new Brokerage.Account(event.accountId(), null);
        return brokerage
                .incomingWires(account)
                .filter(wire -> event.transferId().equals(wire.transferId()))
                .next()
                // Alpaca lists a transfer it announced: one missing is asked for again later
                .switchIfEmpty(Mono.error(() -> new BrokerFundingReports.TransferNotKnownYetException(
                        "Alpaca does not list" + " the incoming wire " + event.transferId() + " of account "
                                + event.accountId() + " yet")))
                .flatMap(wire -> WireRefund.withdrawalOf(wire.memo())
                        .map(withdrawalId -> withdrawals
                                .legs(withdrawalId)
                                .flatMap(legs -> accounts.find(legs.withdrawal().userId(), brokerage.partner())
                                        .map(Brokerage.Account::accountId)
                                        .defaultIfEmpty("")
                                        .flatMap(userAccount -> refund(legs, userAccount, event.accountId(), wire)))
                                .switchIfEmpty(Mono.fromSupplier(() -> refused(
                                        wire, "it names withdrawal " + withdrawalId + ", which does not exist"))))
                        .orElseGet(() -> Mono.just(InboxOutcome.ignored(
                                "not_a_refund",
                                "incoming wire " + wire.transferId() + " into account " + event.accountId()
                                        + " is no withdrawal's refund"))));
    }

    private Mono<InboxOutcome> refund(
            com.stack.funding.withdrawal.domain.WithdrawalLegs legs,
            String userAccount,
            String wireAccount,
            Brokerage.IncomingWire wire) {
        BrokerReport.Outcome outcome = switch (wire.status()) {
            case PENDING -> BrokerReport.Outcome.PENDING;
            case COMPLETE -> BrokerReport.Outcome.COMPLETE;
            case FAILED -> BrokerReport.Outcome.FAILED;
        };
        WireRefund.Decision decision = WireRefund.incomingWireReported(
                legs, userAccount.isEmpty() ? null : userAccount, wireAccount, wire.amountUsd(), outcome);
        if (decision instanceof WireRefund.Completes) {
            return reports.applyToRefund(
                    legs, new BrokerReport(wire.transferId(), BrokerReport.Outcome.COMPLETE, wire.amountUsd(), null));
        }
        if (decision instanceof WireRefund.Fails fails) {
            return reports.applyToRefund(
                    legs,
                    new BrokerReport(wire.transferId(), BrokerReport.Outcome.FAILED, wire.amountUsd(), fails.why()));
        }
        if (decision instanceof WireRefund.Stays stays) {
            return Mono.just(InboxOutcome.ignored("no_change", stays.why()));
        }
        if (decision instanceof WireRefund.NotYet notYet) {
            return Mono.error(new BrokerFundingReports.TransferNotKnownYetException(notYet.why()));
        }
        return Mono.just(refused(wire, ((WireRefund.Refused) decision).why()));
    }

    private static InboxOutcome refused(Brokerage.IncomingWire wire, String why) {
        log.error(
                "The incoming wire {} ({} USD, memo '{}') names a withdrawal's refund but counts for nothing: {}",
                wire.transferId(),
                wire.amountUsd(),
                wire.memo(),
                why);
        return InboxOutcome.failed("refund_mismatch", "incoming wire " + wire.transferId() + ": " + why);
    }
}
