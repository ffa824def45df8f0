package com.stack.sandbox.alpaca.app;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The control API's switch that makes the emulated broker reject what it is asked to move (journals, wires): the next
 * {@code n} requests, or every request that touches an account named here.
 */
public final class RejectSwitch {

    private final Accounts accounts;
    private final Set<String> rejectingAccounts = ConcurrentHashMap.newKeySet();
    private final AtomicInteger rejectNext = new AtomicInteger();

    RejectSwitch(Accounts accounts) {
        this.accounts = accounts;
    }

    /** Rejects the next {@code count} requests (replaces an earlier count; 0 clears it). */
    public int rejectNext(int count) {
        rejectNext.set(count);
        return count;
    }

    /** Requests touching the account are rejected from now on; {@code false} for an unknown account. */
    public boolean reject(String accountId) {
        if (accounts.account(accountId).isEmpty()) {
            return false;
        }
        rejectingAccounts.add(accountId);
        return true;
    }

    public void stopRejecting(String accountId) {
        rejectingAccounts.remove(accountId);
    }

    /** Whether this request, touching {@code accountIds}, is to be rejected; counts it against the next-n count. */
    boolean rejects(String... accountIds) {
        int left = rejectNext.getAndUpdate(n -> Math.max(0, n - 1));
        if (left > 0) {
            return true;
        }
        for (String account : accountIds) {
            if (rejectingAccounts.contains(account)) {
                return true;
            }
        }
        return false;
    }

    /** An account rejected from startup on (settings), known or not yet. */
    void rejectFromStart(String accountId) {
        rejectingAccounts.add(accountId);
    }
}
