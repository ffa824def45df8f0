package com.stack.funding.ledger.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.stack.funding.deposit.domain.Deposit;
import com.stack.funding.deposit.domain.OffRampAmount;
import com.stack.funding.order.domain.OrderReservation;
import com.stack.funding.withdrawal.domain.Withdrawal;

/**
 * One journal to post: what happened ({@code kind}), the business event it records ({@code reference},
 * posted at most once) and its entries, which balance in every currency. Signs follow the ledger's
 * convention: positive on a user's account is money the user has or has in flight; the house's
 * accounts carry the other side.
 */
public record LedgerPosting(String kind, String reference, List<Entry> entries) {

    /** The ledger's precision: 6 decimals, USDC's, so USD amounts fit too. */
    public static final int SCALE = 6;

    public static final String USD = "USD";
    /** The custody partner whose clearing account carries the on-chain side of deposits. */
    public static final String CIRCLE = "circle";
    /**
     * The house's account of sub-cent remainders: USDC below one cent that a payout in whole cents
     * leaves in the custody wallet at Circle ({@link OffRampAmount}). Swept or written off by operations.
     */
    public static final String DUST = "dust";
    /**
     * USD paid out by the ramp partner and on its way to the broker (a wire in flight): it has left
     * Circle, it is not at the broker yet. The broker step moves it on when the broker credits the user.
     */
    public static final String BROKER_IN_TRANSIT = "broker_in_transit";

    /** USD the broker paid out of a user's account for a withdrawal, on its way to the on-ramp. */
    public static final String WITHDRAWAL_IN_TRANSIT = "withdrawal_in_transit";

    /**
     * The house's account of withdrawals whose on-chain transfer failed for good: the USDC is still in the
     * user's custody wallet, owed to the user, for an operator to send again or return; visible in the ledger.
     */
    public static final String WITHDRAWAL_REVIEW = "withdrawal_review";

    /**
     * The house's account of USD that reached the house but not the user's brokerage account (the broker
     * refused the funding): held for an operator to resolve with the user, visible in the ledger.
     */
    public static final String DEPOSIT_REVIEW = "deposit_review";

    /**
     * The house's account of securities bought at the broker for users, at cost: a buy order's fills move here
     * from the user's pending order, a sell order's fills move from here to the user's buying power.
     */
    public static final String INVESTED = "invested";

    public record Entry(LedgerAccountRef account, BigDecimal amount) {}

    public LedgerPosting {
        entries = List.copyOf(entries);
        if (entries.size() < 2) {
            throw new IllegalArgumentException("A journal has at least two entries");
        }
        for (Entry entry : entries) {
            if (entry.amount().signum() == 0
                    || entry.amount().stripTrailingZeros().scale() > SCALE) {
                throw new IllegalArgumentException(
                        "Entry amount " + entry.amount() + " is zero or finer than " + SCALE + " decimals");
            }
        }
        Map<String, BigDecimal> sums = entries.stream()
                .collect(Collectors.groupingBy(
                        e -> e.account().currency(),
                        Collectors.reducing(BigDecimal.ZERO, Entry::amount, BigDecimal::add)));
        sums.forEach((currency, sum) -> {
            if (sum.signum() != 0) {
                throw new IllegalArgumentException(
                        "Journal " + reference + " does not balance in " + currency + ": " + sum);
            }
        });
    }

    /**
     * A deposit confirmed on chain: the USDC is in the user's custody wallet at the custody partner and
     * on its way to the broker, so it is the user's pending deposit. Counted 1 USDC = 1 USD at this step:
     * the off-ramp step converts it at the ramp's actual rate and fees and posts the difference then.
     */
    public static LedgerPosting depositConfirmedOnChain(Deposit deposit) {
        BigDecimal amount = deposit.amountUsdc().setScale(SCALE);
        return new LedgerPosting(
                "deposit_confirmed_on_chain",
                "deposit:" + deposit.id() + ":confirmed_on_chain",
                List.of(
                        new Entry(
                                LedgerAccountRef.users(deposit.userId(), LedgerAccountKind.USER_PENDING_DEPOSIT, USD),
                                amount),
                        new Entry(LedgerAccountRef.partnerClearing(CIRCLE, USD), amount.negate())));
    }

    /**
     * The off-ramp of a deposit with a sub-cent remainder: the dust leaves the user's pending deposit
     * for the house's dust account, so the user's pending deposit is exactly what is paid out. Only
     * when {@code amount.hasDust()}.
     */
    public static LedgerPosting offRampDust(Deposit deposit, OffRampAmount amount) {
        return new LedgerPosting(
                "deposit_off_ramp_dust",
                "deposit:" + deposit.id() + ":off_ramp_dust",
                List.of(
                        new Entry(
                                LedgerAccountRef.users(deposit.userId(), LedgerAccountKind.USER_PENDING_DEPOSIT, USD),
                                amount.dust().negate()),
                        new Entry(LedgerAccountRef.partnerClearing(DUST, USD), amount.dust())));
    }

    /**
     * Circle paid the USD out: it leaves Circle's clearing account (whose negative balance is what Circle
     * holds for us) for the broker-in-transit account. The user's pending deposit does not change: the
     * money is still on its way to the user's brokerage account, and becomes buying power only when the
     * broker funds it.
     */
    public static LedgerPosting offRampComplete(Deposit deposit, OffRampAmount amount) {
        BigDecimal payout = amount.payoutUsd().setScale(SCALE);
        return new LedgerPosting(
                "deposit_off_ramp_complete",
                "deposit:" + deposit.id() + ":off_ramp_complete",
                List.of(
                        new Entry(LedgerAccountRef.partnerClearing(CIRCLE, USD), payout),
                        new Entry(LedgerAccountRef.partnerClearing(BROKER_IN_TRANSIT, USD), payout.negate())));
    }

    /**
     * The compensation of a deposit that failed after it was confirmed (the off-ramp refused, the payout
     * failed): everything the deposit posted is undone, so no pending deposit and no buying power remain.
     * {@code dustMoved} says whether {@link #offRampDust} was posted (it was when the off-ramp was initiated).
     */
    public static LedgerPosting depositReversed(Deposit deposit, OffRampAmount amount, boolean dustMoved) {
        BigDecimal full = amount.usdc().setScale(SCALE);
        List<Entry> entries = dustMoved && amount.hasDust()
                ? List.of(
                        new Entry(
                                LedgerAccountRef.users(deposit.userId(), LedgerAccountKind.USER_PENDING_DEPOSIT, USD),
                                amount.payoutUsd().setScale(SCALE).negate()),
                        new Entry(
                                LedgerAccountRef.partnerClearing(DUST, USD),
                                amount.dust().negate()),
                        new Entry(LedgerAccountRef.partnerClearing(CIRCLE, USD), full))
                : List.of(
                        new Entry(
                                LedgerAccountRef.users(deposit.userId(), LedgerAccountKind.USER_PENDING_DEPOSIT, USD),
                                full.negate()),
                        new Entry(LedgerAccountRef.partnerClearing(CIRCLE, USD), full));
        return new LedgerPosting("deposit_reversed", "deposit:" + deposit.id() + ":reversed", entries);
    }

    /**
     * The broker credited the user's brokerage account: the USD leaves broker-in-transit for the broker's
     * clearing account (whose negative balance is what the broker holds for our users), and the user's
     * pending deposit becomes buying power.
     */
    public static LedgerPosting brokerFunded(Deposit deposit, OffRampAmount amount, String broker) {
        BigDecimal usd = amount.payoutUsd().setScale(SCALE);
        return new LedgerPosting(
                "deposit_broker_funded",
                "deposit:" + deposit.id() + ":broker_funded",
                List.of(
                        new Entry(LedgerAccountRef.partnerClearing(BROKER_IN_TRANSIT, USD), usd),
                        new Entry(LedgerAccountRef.partnerClearing(broker, USD), usd.negate()),
                        new Entry(
                                LedgerAccountRef.users(deposit.userId(), LedgerAccountKind.USER_PENDING_DEPOSIT, USD),
                                usd.negate()),
                        new Entry(
                                LedgerAccountRef.users(deposit.userId(), LedgerAccountKind.USER_BUYING_POWER, USD),
                                usd)));
    }

    /**
     * The broker refused the funding after the USD was paid out: the user's pending deposit moves to the
     * house's review account. The USD itself is still where the payout sent it (broker-in-transit stays as
     * it is), so an operator can return it or fund the account by hand; nothing is lost or shown as buying power.
     */
    public static LedgerPosting brokerRefused(Deposit deposit, OffRampAmount amount) {
        BigDecimal usd = amount.payoutUsd().setScale(SCALE);
        return new LedgerPosting(
                "deposit_held_for_review",
                "deposit:" + deposit.id() + ":held_for_review",
                List.of(
                        new Entry(
                                LedgerAccountRef.users(deposit.userId(), LedgerAccountKind.USER_PENDING_DEPOSIT, USD),
                                usd.negate()),
                        new Entry(LedgerAccountRef.partnerClearing(DEPOSIT_REVIEW, USD), usd)));
    }

    /**
     * A withdrawal recorded: its amount leaves the user's buying power for the user's pending withdrawal, in
     * the transaction that records it, so the same buying power can never be withdrawn twice.
     */
    public static LedgerPosting withdrawalHeld(Withdrawal withdrawal) {
        BigDecimal usd = withdrawal.amountUsd().setScale(SCALE);
        return new LedgerPosting(
                "withdrawal_held",
                "withdrawal:" + withdrawal.id() + ":held",
                List.of(
                        new Entry(
                                LedgerAccountRef.users(withdrawal.userId(), LedgerAccountKind.USER_BUYING_POWER, USD),
                                usd.negate()),
                        new Entry(
                                LedgerAccountRef.users(
                                        withdrawal.userId(), LedgerAccountKind.USER_PENDING_WITHDRAWAL, USD),
                                usd)));
    }

    /** A withdrawal that failed before money left the broker: the hold is released, the buying power is back. */
    public static LedgerPosting withdrawalReleased(Withdrawal withdrawal) {
        BigDecimal usd = withdrawal.amountUsd().setScale(SCALE);
        return new LedgerPosting(
                "withdrawal_released",
                "withdrawal:" + withdrawal.id() + ":released",
                List.of(
                        new Entry(
                                LedgerAccountRef.users(
                                        withdrawal.userId(), LedgerAccountKind.USER_PENDING_WITHDRAWAL, USD),
                                usd.negate()),
                        new Entry(
                                LedgerAccountRef.users(withdrawal.userId(), LedgerAccountKind.USER_BUYING_POWER, USD),
                                usd)));
    }

    /**
     * The broker paid the withdrawal's USD out of the user's account: it leaves the broker's clearing account for
     * withdrawal-in-transit. The user's pending withdrawal stays until the USDC reaches the user's address.
     */
    public static LedgerPosting withdrawalLeftBroker(Withdrawal withdrawal, String broker) {
        BigDecimal usd = withdrawal.amountUsd().setScale(SCALE);
        return new LedgerPosting(
                "withdrawal_left_broker",
                "withdrawal:" + withdrawal.id() + ":left_broker",
                List.of(
                        new Entry(LedgerAccountRef.partnerClearing(broker, USD), usd),
                        new Entry(LedgerAccountRef.partnerClearing(WITHDRAWAL_IN_TRANSIT, USD), usd.negate())));
    }

    /**
     * The on-ramp delivered the withdrawal's USDC (1:1) into the user's custody wallet: it leaves
     * withdrawal-in-transit for the custody partner's clearing account, as a deposit's USDC does.
     */
    public static LedgerPosting withdrawalOnRamped(Withdrawal withdrawal) {
        BigDecimal usd = withdrawal.amountUsd().setScale(SCALE);
        return new LedgerPosting(
                "withdrawal_on_ramped",
                "withdrawal:" + withdrawal.id() + ":on_ramped",
                List.of(
                        new Entry(LedgerAccountRef.partnerClearing(WITHDRAWAL_IN_TRANSIT, USD), usd),
                        new Entry(LedgerAccountRef.partnerClearing(CIRCLE, USD), usd.negate())));
    }

    /** The USDC reached the user's address on chain: the custody wallet paid it, the user's pending withdrawal is settled. */
    public static LedgerPosting withdrawalSent(Withdrawal withdrawal) {
        BigDecimal usd = withdrawal.amountUsd().setScale(SCALE);
        return new LedgerPosting(
                "withdrawal_sent",
                "withdrawal:" + withdrawal.id() + ":sent",
                List.of(
                        new Entry(LedgerAccountRef.partnerClearing(CIRCLE, USD), usd),
                        new Entry(
                                LedgerAccountRef.users(
                                        withdrawal.userId(), LedgerAccountKind.USER_PENDING_WITHDRAWAL, USD),
                                usd.negate())));
    }

    /**
     * The on-chain transfer failed for good: the user's pending withdrawal becomes a claim under review
     * ({@link #WITHDRAWAL_REVIEW}); the USDC stays in the custody wallet (the custody clearing account is unchanged).
     */
    public static LedgerPosting withdrawalParked(Withdrawal withdrawal) {
        BigDecimal usd = withdrawal.amountUsd().setScale(SCALE);
        return new LedgerPosting(
                "withdrawal_parked",
                "withdrawal:" + withdrawal.id() + ":parked",
                List.of(
                        new Entry(
                                LedgerAccountRef.users(
                                        withdrawal.userId(), LedgerAccountKind.USER_PENDING_WITHDRAWAL, USD),
                                usd.negate()),
                        new Entry(LedgerAccountRef.partnerClearing(WITHDRAWAL_REVIEW, USD), usd)));
    }

    /**
     * The compensation of a failed on-ramp: the USD is back in the user's brokerage account (the broker's credit, or
     * Due's wire back from the user's virtual account, where the broker's wire had left it in transit), so it
     * leaves withdrawal-in-transit for the broker, and the hold is released into buying power.
     */
    public static LedgerPosting withdrawalRefundedByBroker(Withdrawal withdrawal, String broker) {
        BigDecimal usd = withdrawal.amountUsd().setScale(SCALE);
        return new LedgerPosting(
                "withdrawal_refunded",
                "withdrawal:" + withdrawal.id() + ":refunded",
                List.of(
                        new Entry(LedgerAccountRef.partnerClearing(WITHDRAWAL_IN_TRANSIT, USD), usd),
                        new Entry(LedgerAccountRef.partnerClearing(broker, USD), usd.negate()),
                        new Entry(
                                LedgerAccountRef.users(
                                        withdrawal.userId(), LedgerAccountKind.USER_PENDING_WITHDRAWAL, USD),
                                usd.negate()),
                        new Entry(
                                LedgerAccountRef.users(withdrawal.userId(), LedgerAccountKind.USER_BUYING_POWER, USD),
                                usd)));
    }

    /**
     * A buy order reserved: its amount leaves the user's buying power for the user's pending order, in the
     * transaction that answers the reservation, so the same buying power can never be spent twice.
     */
    public static LedgerPosting orderHeld(OrderReservation order) {
        BigDecimal usd = order.heldUsd().setScale(SCALE);
        return new LedgerPosting(
                "order_held",
                "order:" + order.orderId() + ":held",
                List.of(
                        new Entry(
                                LedgerAccountRef.users(order.userId(), LedgerAccountKind.USER_BUYING_POWER, USD),
                                usd.negate()),
                        new Entry(
                                LedgerAccountRef.users(order.userId(), LedgerAccountKind.USER_PENDING_ORDER, USD),
                                usd)));
    }

    /**
     * A buy order filled {@code delta} more (its cumulative fill now {@code cumulative}): that much of the hold
     * paid for securities at the broker, so it leaves the user's pending order for {@link #INVESTED}. Posted once
     * per cumulative fill.
     */
    public static LedgerPosting orderBuyFilled(OrderReservation order, BigDecimal delta, BigDecimal cumulative) {
        BigDecimal usd = delta.setScale(SCALE);
        return new LedgerPosting(
                "order_buy_filled",
                filledReference(order, cumulative),
                List.of(
                        new Entry(
                                LedgerAccountRef.users(order.userId(), LedgerAccountKind.USER_PENDING_ORDER, USD),
                                usd.negate()),
                        new Entry(LedgerAccountRef.partnerClearing(INVESTED, USD), usd)));
    }

    /**
     * A sell order filled {@code delta} more (cumulative {@code cumulative}): securities became cash at the
     * broker, so that much leaves {@link #INVESTED} for the user's buying power. Posted once per cumulative fill.
     */
    public static LedgerPosting orderSellFilled(OrderReservation order, BigDecimal delta, BigDecimal cumulative) {
        BigDecimal usd = delta.setScale(SCALE);
        return new LedgerPosting(
                "order_sell_filled",
                filledReference(order, cumulative),
                List.of(
                        new Entry(LedgerAccountRef.partnerClearing(INVESTED, USD), usd.negate()),
                        new Entry(
                                LedgerAccountRef.users(order.userId(), LedgerAccountKind.USER_BUYING_POWER, USD),
                                usd)));
    }

    /** A buy order ended: what it held and did not fill ({@code remainder}) goes back to the user's buying power. */
    public static LedgerPosting orderReleased(OrderReservation order, BigDecimal remainder) {
        BigDecimal usd = remainder.setScale(SCALE);
        return new LedgerPosting(
                "order_released",
                "order:" + order.orderId() + ":released",
                List.of(
                        new Entry(
                                LedgerAccountRef.users(order.userId(), LedgerAccountKind.USER_PENDING_ORDER, USD),
                                usd.negate()),
                        new Entry(
                                LedgerAccountRef.users(order.userId(), LedgerAccountKind.USER_BUYING_POWER, USD),
                                usd)));
    }

    /** {@code order:<id>:filled:<cumulative fill in cents>}: each cumulative fill of an order is posted once. */
    private static String filledReference(OrderReservation order, BigDecimal cumulative) {
        return "order:" + order.orderId() + ":filled:"
                + cumulative.setScale(2).movePointRight(2).toBigIntegerExact();
    }
}
