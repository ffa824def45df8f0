package com.stack.sandbox.alpaca.app;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.stack.sandbox.alpaca.config.AlpacaSandboxProperties;
import com.stack.sandbox.alpaca.domain.Account;
import com.stack.sandbox.alpaca.domain.AlpacaException;
import com.stack.sandbox.alpaca.domain.NewAccount;
import com.stack.sandbox.alpaca.domain.TradingAccount;
import com.stack.sandbox.partners.IdempotencyStore;
import com.stack.sandbox.partners.IdempotencyStore.Outcome;
import com.stack.sandbox.partners.SandboxIds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Alpaca's brokerage accounts, in memory, each with its cash. The firm account exists from startup
 * with {@code firm-cash}; a user account is {@code ACTIVE} with no cash as soon as it is made. Cash
 * moves only through journals and wire transfers: debited and credited atomically (compare and set), so concurrent
 * journals never overdraw an account.
 */
@Service
public class Accounts {

    static final String FIRM_ACCOUNT_NUMBER = "900000001";

    private final IdempotencyStore<NewAccount, Account> idempotency = new IdempotencyStore<>();
    private final Map<String, Entry> accounts = new ConcurrentHashMap<>();
    /** User account numbers: "9" and 8 digits, in creation order. */
    private final AtomicLong numbers = new AtomicLong(20_000_000);

    private final String firmAccountId;
    private final Clock clock;

    @Autowired
    public Accounts(AlpacaSandboxProperties properties) {
        this(properties, Clock.systemUTC());
    }

    Accounts(AlpacaSandboxProperties properties, Clock clock) {
        this.clock = clock;
        this.firmAccountId = properties.firmAccountId().toString();
        Account firm = new Account(
                firmAccountId,
                FIRM_ACCOUNT_NUMBER,
                Account.ACTIVE,
                Account.USD,
                clock.instant().truncatedTo(ChronoUnit.MILLIS),
                new Account.Contact("firm@stack.local"),
                new Account.Identity("STACK", "Firm"),
                List.of("us_equity"));
        accounts.put(
                firmAccountId,
                new Entry(firm, new AtomicReference<>(properties.firmCash().setScale(2))));
    }

    /**
     * Makes the account the first time its idempotency key is seen; the same account for the same
     * request again; a 422 for a different request under a used key. Without a key every request makes one.
     *
     * @param idempotencyKey {@code null} when the request has none
     */
    public Outcome<Account> create(String idempotencyKey, NewAccount request) {
        if (idempotencyKey == null) {
            return new Outcome<>(Outcome.Kind.CREATED, make(request));
        }
        Outcome<Account> outcome = idempotency.execute(idempotencyKey, request, () -> make(request));
        if (outcome.kind() == Outcome.Kind.CONFLICT) {
            throw AlpacaException.unprocessable("the Idempotency-Key was used before with a different request");
        }
        return outcome;
    }

    public Optional<Account> account(String id) {
        return Optional.ofNullable(accounts.get(id)).map(Entry::account);
    }

    /** The account with this {@code account_number} (where a wire to Alpaca is addressed). */
    public Optional<Account> byAccountNumber(String accountNumber) {
        return accounts.values().stream()
                .map(Entry::account)
                .filter(account -> account.accountNumber().equals(accountNumber))
                .findFirst();
    }

    public Optional<TradingAccount> trading(String id) {
        return Optional.ofNullable(accounts.get(id)).map(entry -> {
            String cash = entry.cash().get().toPlainString();
            return new TradingAccount(
                    entry.account().id(),
                    entry.account().accountNumber(),
                    entry.account().status(),
                    entry.account().currency(),
                    cash,
                    cash,
                    cash);
        });
    }

    /** The account's cash; zero for an unknown account. */
    public BigDecimal cash(String id) {
        Entry entry = accounts.get(id);
        return entry == null ? BigDecimal.ZERO.setScale(2) : entry.cash().get();
    }

    public boolean isFirm(String id) {
        return firmAccountId.equals(id);
    }

    /** Takes {@code amount} from the account's cash, unless it has less; {@code false} then. */
    boolean tryDebit(String id, BigDecimal amount) {
        AtomicReference<BigDecimal> cash = accounts.get(id).cash();
        while (true) {
            BigDecimal current = cash.get();
            if (current.compareTo(amount) < 0) {
                return false;
            }
            if (cash.compareAndSet(current, current.subtract(amount))) {
                return true;
            }
        }
    }

    void credit(String id, BigDecimal amount) {
        accounts.get(id).cash().accumulateAndGet(amount, BigDecimal::add);
    }

    /** Sets the account's cash (the control API's shortcut past journals); empty for an unknown account. */
    public Optional<TradingAccount> setCash(String id, BigDecimal cash) {
        Entry entry = accounts.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        entry.cash().set(cash.setScale(2));
        return trading(id);
    }

    private Account make(NewAccount request) {
        String id = SandboxIds.uuid().toString();
        Account account = new Account(
                id,
                "9" + numbers.incrementAndGet(),
                Account.ACTIVE,
                Account.USD,
                clock.instant().truncatedTo(ChronoUnit.MILLIS),
                new Account.Contact(request.emailAddress()),
                new Account.Identity(request.givenName(), request.familyName()),
                request.enabledAssets());
        accounts.put(id, new Entry(account, new AtomicReference<>(BigDecimal.ZERO.setScale(2))));
        return account;
    }

    private record Entry(Account account, AtomicReference<BigDecimal> cash) {}
}
