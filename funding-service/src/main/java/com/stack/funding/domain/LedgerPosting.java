package com.stack.funding.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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

    public record Entry(LedgerAccountRef account, BigDecimal amount) {
    }

    public LedgerPosting {
        entries = List.copyOf(entries);
        if (entries.size() < 2) {
            throw new IllegalArgumentException("A journal has at least two entries");
        }
        for (Entry entry : entries) {
            if (entry.amount().signum() == 0 || entry.amount().stripTrailingZeros().scale() > SCALE) {
                throw new IllegalArgumentException("Entry amount " + entry.amount() + " is zero or finer than "
                        + SCALE + " decimals");
            }
        }
        Map<String, BigDecimal> sums = entries.stream().collect(Collectors.groupingBy(e -> e.account().currency(),
                Collectors.reducing(BigDecimal.ZERO, Entry::amount, BigDecimal::add)));
        sums.forEach((currency, sum) -> {
            if (sum.signum() != 0) {
                throw new IllegalArgumentException("Journal " + reference + " does not balance in " + currency + ": " + sum);
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
        return new LedgerPosting("deposit_confirmed_on_chain", "deposit:" + deposit.id() + ":confirmed_on_chain", List.of(
                new Entry(LedgerAccountRef.users(deposit.userId(), LedgerAccountKind.USER_PENDING_DEPOSIT, USD), amount),
                new Entry(LedgerAccountRef.partnerClearing(CIRCLE, USD), amount.negate())));
    }
}
