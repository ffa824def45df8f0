package com.stack.sandbox.due.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * The rails Due moves money on in the sandbox: USDC on two chains, USD on bank rails. A transfer goes from one
 * kind to the other (an off-ramp from a chain to a bank, an on-ramp back), except a payout of a virtual account's
 * USD balance to a bank account: {@code bank_us} to {@code bank_us}.
 */
public enum Rail {
    ETHEREUM("ethereum", Currency.USDC),
    SOLANA("solana", Currency.USDC),
    ACH("ach", Currency.USD),
    WIRE("wire", Currency.USD),
    /** A US bank account: the USD balance of a virtual account, and where its payout goes. */
    BANK_US("bank_us", Currency.USD);

    private final String wireName;
    private final Currency currency;

    Rail(String wireName, Currency currency) {
        this.wireName = wireName;
        this.currency = currency;
    }

    public String wireName() {
        return wireName;
    }

    /** The only currency the rail carries in the sandbox. */
    public Currency currency() {
        return currency;
    }

    public boolean onChain() {
        return currency == Currency.USDC;
    }

    public static Optional<Rail> named(String wireName) {
        return Arrays.stream(values())
                .filter(rail -> rail.wireName.equals(wireName))
                .findFirst();
    }

    /** USD with cents, USDC with its 6 on-chain decimals. */
    public enum Currency {
        USD(2),
        USDC(6);

        private final int scale;

        Currency(int scale) {
            this.scale = scale;
        }

        public int scale() {
            return scale;
        }
    }
}
