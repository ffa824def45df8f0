package com.stack.sandbox.circle.transfers.app;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicReference;

import com.stack.sandbox.circle.transfers.config.CircleBusinessAccountProperties;
import org.springframework.stereotype.Service;

/**
 * The USD of the Circle Mint business account, in memory: {@code initial-balance} at startup, taken by
 * every transfer when it is made (compare and set, so concurrent transfers never overdraw it), given
 * back when a transfer fails, and added to by the control API.
 */
@Service
public class BusinessAccount {

    private final AtomicReference<BigDecimal> available;

    public BusinessAccount(CircleBusinessAccountProperties properties) {
        this.available = new AtomicReference<>(properties.initialBalance());
    }

    /** The USD available, two decimals. */
    public BigDecimal available() {
        return available.get();
    }

    /** Takes {@code amount}, unless less is available: {@code false} then. */
    boolean tryDebit(BigDecimal amount) {
        while (true) {
            BigDecimal current = available.get();
            if (current.compareTo(amount) < 0) {
                return false;
            }
            if (available.compareAndSet(current, current.subtract(amount))) {
                return true;
            }
        }
    }

    /** @return the USD available after it */
    public BigDecimal credit(BigDecimal amount) {
        return available.accumulateAndGet(amount.setScale(2), BigDecimal::add);
    }
}
