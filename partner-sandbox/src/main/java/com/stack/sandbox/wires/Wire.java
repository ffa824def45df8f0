package com.stack.sandbox.wires;

import java.math.BigDecimal;

/**
 * A USD wire between two of the sandbox's emulated banks (an Alpaca account, a Due virtual account), as the
 * receiving bank reads it: to which account at which bank, how much, and the sender's note.
 *
 * @param routingNumber the receiving bank's ABA routing number
 * @param accountNumber the account at that bank
 * @param amount        USD, positive, scale 2
 * @param memo          what the sender wrote for the receiver; may be {@code null}
 */
public record Wire(String routingNumber, String accountNumber, BigDecimal amount, String memo) {

    public Wire {
        amount = amount.setScale(2);
    }
}
