package com.stack.funding.deposit.domain;

/** How far an on-chain transfer has got, as the custody partner reports it. */
public enum ChainConfirmation {
    /** Seen, not yet final: the deposit waits in {@link DepositStatus#PENDING_CONFIRMATION}. */
    PENDING,
    /** Final enough to credit: the deposit moves to {@link DepositStatus#CONFIRMED_ON_CHAIN}. */
    CONFIRMED,
    /** The transfer will not arrive (failed, cancelled, denied). */
    FAILED
}
