package com.stack.funding.broker.app;

import java.math.BigDecimal;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The broker that holds the users' brokerage accounts (the port; DriveWealth and Alpaca are the adapters,
 * chosen by {@code stack.funding.broker.partner}). Every call is safe to repeat: writes carry an idempotency
 * key, so a retried request returns what the first one made.
 */
public interface Brokerage {

    /** The partner's name, as the ledger's clearing account and {@code broker_accounts} spell it. */
    String partner();

    /** A user's account at the broker. */
    record Account(String accountId, String accountNo) {}

    /** A funding (or a debit) of an account, and its status as the broker reported it. */
    record Transfer(String transferId, Status status, String reason) {}

    enum Status {
        PENDING,
        COMPLETE,
        FAILED
    }

    /** A bank account a wire is sent to: US bank details (ABA routing number). */
    record PayeeBank(String accountNumber, String routingNumber, String bankName) {}

    /** A wire that arrived (or is arriving) into a user's account, with the sender's note ({@code memo}, or null). */
    record IncomingWire(String transferId, Status status, BigDecimal amountUsd, String memo) {}

    /**
     * Opens the user's brokerage account, or finds the one opened before under the same key. Fails with
     * {@link BrokerRefusedException} or {@link BrokerUnavailableException}.
     */
    Mono<Account> openAccount(UUID userId, UUID idempotencyKey);

    /**
     * Credits {@code amountUsd} (2 decimals) to the account for the deposit. Fails with
     * {@link BrokerRefusedException} when the broker refuses for good, {@link BrokerUnavailableException}
     * when it could not be asked now (ask again later with the same key).
     */
    Mono<Transfer> fund(Account account, UUID depositId, BigDecimal amountUsd, UUID idempotencyKey);

    /** The funding as the broker sees it now (for the reconciler). Fails like {@link #fund}. */
    Mono<Transfer> fundingStatus(String transferId);

    /**
     * Pays {@code amountUsd} (2 decimals) out of the account for the withdrawal, to the house's on-ramp (the
     * broker checks the account's cash). Fails like {@link #fund}; insufficient cash is a refusal.
     */
    Mono<Transfer> withdraw(Account account, UUID withdrawalId, BigDecimal amountUsd, UUID idempotencyKey);

    /** The withdrawal's payout as the broker sees it now. Fails like {@link #fund}. */
    Mono<Transfer> withdrawalStatus(String transferId);

    /**
     * Whether the broker can pay a withdrawal out by wire to a bank account ({@link #withdrawTo}) and tell the wires
     * that come into an account ({@link #incomingWires}). Checked at startup against an on-ramp that needs it.
     */
    default boolean wiresToBanks() {
        return false;
    }

    /**
     * Pays {@code amountUsd} (2 decimals) out of the account for the withdrawal by wire to {@code payee} (made a
     * payee of the account first if it is not one). Fails like {@link #withdraw}.
     */
    default Mono<Transfer> withdrawTo(
            Account account, UUID withdrawalId, BigDecimal amountUsd, PayeeBank payee, UUID idempotencyKey) {
        return Mono.error(new BrokerRefusedException(partner() + " does not pay withdrawals out by wire"));
    }

    /**
     * The withdrawal's payout from the account as the broker sees it now, whichever way it was paid (a broker
     * whose payouts are not per account reads it by its id alone). Fails like {@link #fund}.
     */
    default Mono<Transfer> withdrawalStatus(Account account, String transferId) {
        return withdrawalStatus(transferId);
    }

    /** The wires into the account, newest first. Fails like {@link #fund}. */
    default Flux<IncomingWire> incomingWires(Account account) {
        return Flux.error(new BrokerRefusedException(partner() + " takes no wires in"));
    }

    /** The bank details a wire into the account is sent to (the broker's incoming wire instructions). */
    default PayeeBank incomingWireInstructions(Account account) {
        throw new BrokerRefusedException(partner() + " takes no wires in");
    }

    /** The broker refused the request for good (an unknown account, a validation error, a closed account). */
    final class BrokerRefusedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public BrokerRefusedException(String message) {
            super(message, null, false, false);
        }
    }

    /** The broker could not be asked now (a timeout, a 5xx, a 429, an open circuit): the same request may succeed later. */
    final class BrokerUnavailableException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public BrokerUnavailableException(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }
}
