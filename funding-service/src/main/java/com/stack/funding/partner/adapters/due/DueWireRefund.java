package com.stack.funding.partner.adapters.due;

import java.math.BigDecimal;
import java.util.UUID;

import com.stack.funding.broker.app.Brokerage;
import com.stack.funding.partner.adapters.PartnerCallException;
import com.stack.funding.withdrawal.app.WithdrawalRefund;
import com.stack.funding.withdrawal.domain.WireRefund;
import com.stack.funding.withdrawal.domain.Withdrawal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The refund of a withdrawal on the Alpaca/Due path, whose USD the broker wired into the user's Due virtual account
 * before the on-ramp failed: a Due transfer of the USD from that virtual account (its {@code sender}) to a Due
 * recipient whose bank details are the broker's incoming wire instructions for the user's account (made once and
 * kept, {@link Recipients}), under the command's key, with the memo {@link WireRefund#memo}. Due pays it out by wire;
 * the refund is done when the broker reports that wire COMPLETE in the user's account (matched by the memo, the
 * account and the amount), not when Due's transfer completes. Due's transfer failing is the refund failing (the USD
 * is back in the virtual account; the compensation stays open for an operator).
 */
public class DueWireRefund implements WithdrawalRefund {

    private static final Logger log = LoggerFactory.getLogger(DueWireRefund.class);

    /** The Due recipients made, kept by their bank details (funding's database; {@link DueRecipientRepository}). */
    public interface Recipients {

        /** The recipient made for the bank details, empty when none was kept. */
        Mono<String> find(String routingNumber, String accountNumber);

        /** Keeps the recipient unless one is kept for the bank details already; emits the one kept. */
        Mono<String> keep(String routingNumber, String accountNumber, String bankName, String recipientId);
    }

    private final DueClient due;
    private final DueVirtualAccount.Store virtualAccounts;
    private final Recipients recipients;
    private final Brokerage brokerage;
    private final String rail;

    /** @param rail Due's rail of the USD payout from the virtual account ({@code stack.due.refund-rail}) */
    public DueWireRefund(
            DueClient due,
            DueVirtualAccount.Store virtualAccounts,
            Recipients recipients,
            Brokerage brokerage,
            String rail) {
        this.due = due;
        this.virtualAccounts = virtualAccounts;
        this.recipients = recipients;
        this.brokerage = brokerage;
        this.rail = rail;
    }

    @Override
    public Mono<Brokerage.Transfer> refund(Withdrawal withdrawal, Brokerage.Account account, UUID idempotencyKey) {
        String what = "refund of withdrawal " + withdrawal.id();
        String amount = withdrawal.amountUsd().setScale(2).toPlainString();
        return Mono.zip(virtualAccount(withdrawal), Mono.defer(() -> recipient(account)))
                .flatMap(both -> due.transfer(
                                what,
                                new DueClient.Leg(rail, "USD", amount),
                                new DueClient.Leg(rail, "USD", null),
                                withdrawal.amountUsd(),
                                idempotencyKey,
                                quote -> new DueClient.TransferRequest(
                                        quote,
                                        both.getT2(),
                                        null,
                                        both.getT1().virtualAccountId(),
                                        WireRefund.memo(withdrawal.id())))
                        .doOnNext(answer -> log.info(
                                "Due transfer {} of {} USD from virtual account {} to recipient {}"
                                        + " (account {} at the broker) refunds withdrawal {}: {}",
                                answer.id(),
                                amount,
                                both.getT1().virtualAccountId(),
                                both.getT2(),
                                account.accountId(),
                                withdrawal.id(),
                                answer.status())))
                .map(DueWireRefund::asRequested)
                .onErrorMap(
                        PartnerCallException.class,
                        e -> e.isTransient()
                                ? new Brokerage.BrokerUnavailableException(e.getMessage(), e)
                                : new IllegalStateException("Due refused the " + what + ": " + e.getMessage(), e));
    }

    /**
     * COMPLETE when the broker lists a COMPLETE wire into the account for the withdrawal's amount whose memo names
     * it; else FAILED when Due's transfer failed; else PENDING.
     */
    @Override
    public Mono<Brokerage.Transfer> status(Withdrawal withdrawal, Brokerage.Account account, String refundTransferId) {
        return brokerage
                .incomingWires(account)
                .filter(wire -> wire.status() == Brokerage.Status.COMPLETE
                        && WireRefund.withdrawalOf(wire.memo())
                                .filter(withdrawal.id()::equals)
                                .isPresent()
                        && sameAmount(wire.amountUsd(), withdrawal.amountUsd()))
                .next()
                .map(wire -> new Brokerage.Transfer(wire.transferId(), Brokerage.Status.COMPLETE, null))
                .switchIfEmpty(Mono.defer(() -> due.readTransfer(refundTransferId)
                        .map(DueWireRefund::asRequested)
                        .onErrorMap(
                                PartnerCallException.class,
                                e -> e.isTransient()
                                        ? new Brokerage.BrokerUnavailableException(e.getMessage(), e)
                                        : new IllegalStateException(e.getMessage(), e))));
    }

    /** Due's transfer only sends the USD: complete or not, the refund is pending until the broker has it. */
    private static Brokerage.Transfer asRequested(DueClient.TransferAnswer answer) {
        boolean failed = DueClient.statusOf(answer.status()) == com.stack.funding.deposit.app.OffRamp.Status.FAILED;
        return new Brokerage.Transfer(
                answer.id(),
                failed ? Brokerage.Status.FAILED : Brokerage.Status.PENDING,
                failed
                        ? "Due transfer " + answer.id() + " " + answer.status()
                                + (answer.failureReason() == null ? "" : ": " + answer.failureReason())
                        : null);
    }

    private Mono<DueVirtualAccount> virtualAccount(Withdrawal withdrawal) {
        return virtualAccounts
                .find(withdrawal.userId(), withdrawal.chain())
                .switchIfEmpty(
                        Mono.error(() -> new IllegalStateException("Withdrawal " + withdrawal.id() + " has no Due"
                                + " virtual account on " + withdrawal.chain().column() + " to refund from")));
    }

    /** The Due recipient of the broker's incoming wire instructions for the account: kept, else made and kept. */
    private Mono<String> recipient(Brokerage.Account account) {
        Brokerage.PayeeBank bank = brokerage.incomingWireInstructions(account);
        return recipients
                .find(bank.routingNumber(), bank.accountNumber())
                .switchIfEmpty(Mono.defer(() -> due.createRecipient(
                                "STACK brokerage account " + bank.accountNumber(),
                                bank.accountNumber(),
                                bank.routingNumber(),
                                bank.bankName())
                        .doOnNext(id -> log.info(
                                "Due recipient {} made for account {} at {}",
                                id,
                                bank.accountNumber(),
                                bank.routingNumber()))
                        .flatMap(id ->
                                recipients.keep(bank.routingNumber(), bank.accountNumber(), bank.bankName(), id))));
    }

    private static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return a != null && a.compareTo(b) == 0;
    }
}
