package com.stack.funding.saga.app;

/** The deposit changed between reading and writing it (optimistic locking): read it again and decide again. */
public class ConcurrentDepositChangeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConcurrentDepositChangeException(String message) {
        super(message, null, false, false);
    }
}
