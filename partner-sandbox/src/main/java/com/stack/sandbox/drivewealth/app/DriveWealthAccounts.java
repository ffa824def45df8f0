package com.stack.sandbox.drivewealth.app;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import com.stack.sandbox.drivewealth.domain.Account;
import com.stack.sandbox.drivewealth.domain.DriveWealthException;
import com.stack.sandbox.drivewealth.domain.NewAccount;
import com.stack.sandbox.partners.IdempotencyStore;
import com.stack.sandbox.partners.IdempotencyStore.Outcome;
import com.stack.sandbox.partners.SandboxIds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * DriveWealth accounts and their cash. One account per user: opening a second one for the same
 * {@code userID} answers the first (a sandbox simplification; DriveWealth would open another). Cash
 * changes atomically per account: a redemption's check and debit are one step, so concurrent
 * redemptions never overdraw.
 */
@Service
public class DriveWealthAccounts {

    private static final int ACCOUNT_NUMBER_DIGITS = 1_000_000;

    private final IdempotencyStore<NewAccount, Account> idempotency = new IdempotencyStore<>();
    private final Map<String, Account> byId = new ConcurrentHashMap<>();
    private final Map<String, Account> byAccountNo = new ConcurrentHashMap<>();
    private final Map<String, Account> byUser = new ConcurrentHashMap<>();
    private final Map<String, BigDecimal> cash = new ConcurrentHashMap<>();
    private final Clock clock;

    @Autowired
    public DriveWealthAccounts() {
        this(Clock.systemUTC());
    }

    public DriveWealthAccounts(Clock clock) {
        this.clock = clock;
    }

    /**
     * The user's account, opened now if it has none; with an Idempotency-Key used before for another
     * request, a 422 E041.
     */
    public Outcome<Account> open(NewAccount request, String idempotencyKey) {
        if (idempotencyKey == null) {
            return new Outcome<>(Outcome.Kind.CREATED, accountOf(request));
        }
        Outcome<Account> outcome = idempotency.execute(idempotencyKey, request, () -> accountOf(request));
        if (outcome.kind() == Outcome.Kind.CONFLICT) {
            throw DriveWealthException.idempotencyKeyReused();
        }
        return outcome;
    }

    public Optional<Account> byId(String accountId) {
        return Optional.ofNullable(byId.get(accountId));
    }

    public Optional<Account> byAccountNo(String accountNo) {
        return Optional.ofNullable(byAccountNo.get(accountNo));
    }

    /** The account's cash; zero for an unknown account. */
    public BigDecimal cash(String accountNo) {
        return cash.getOrDefault(accountNo, BigDecimal.ZERO.setScale(2));
    }

    public void credit(String accountNo, BigDecimal amount) {
        cash.merge(accountNo, amount, BigDecimal::add);
    }

    /**
     * Takes {@code amount} from the account's cash in one atomic step.
     *
     * @throws DriveWealthException 422 E030 when the cash available for withdrawal is less
     */
    public void debit(String accountNo, BigDecimal amount) {
        cash.compute(accountNo, (no, balance) -> {
            BigDecimal current = balance == null ? BigDecimal.ZERO.setScale(2) : balance;
            if (current.compareTo(amount) < 0) {
                throw DriveWealthException.insufficientFunds(accountNo);
            }
            return current.subtract(amount);
        });
    }

    /**
     * Adds {@code amount} (negative: takes it) to the account's cash in one atomic step, past any deposit or
     * redemption: a fee or a correction made at the broker, which funding's ledger does not know of.
     *
     * @return the cash after it
     * @throws DriveWealthException 422 E030 when the cash would go below zero
     */
    public BigDecimal adjust(String accountNo, BigDecimal amount) {
        return cash.compute(accountNo, (no, balance) -> {
            BigDecimal after = (balance == null ? BigDecimal.ZERO.setScale(2) : balance).add(amount);
            if (after.signum() < 0) {
                throw DriveWealthException.insufficientFunds(accountNo);
            }
            return after;
        });
    }

    private Account accountOf(NewAccount request) {
        return byUser.computeIfAbsent(request.userID(), user -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            String id = SandboxIds.uuid() + "." + now.toEpochMilli();
            Account account;
            do {
                String accountNo = "DWXX"
                        + String.format("%06d", ThreadLocalRandom.current().nextInt(ACCOUNT_NUMBER_DIGITS));
                account = new Account(id, accountNo, user, now);
            } while (byAccountNo.putIfAbsent(account.accountNo(), account) != null);
            cash.put(account.accountNo(), BigDecimal.ZERO.setScale(2));
            byId.put(id, account);
            return account;
        });
    }
}
