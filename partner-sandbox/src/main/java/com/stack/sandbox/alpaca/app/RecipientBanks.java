package com.stack.sandbox.alpaca.app;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.stack.sandbox.alpaca.domain.AlpacaException;
import com.stack.sandbox.alpaca.domain.NewRecipientBank;
import com.stack.sandbox.alpaca.domain.RecipientBank;
import com.stack.sandbox.partners.SandboxIds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * The recipient banks of Alpaca's accounts, in memory: the bank accounts an account may wire its cash to. One
 * per account number and bank code on an account (a second is refused with 409, and makes nothing); the
 * sandbox approves each at once.
 */
@Service
public class RecipientBanks {

    private final Map<String, RecipientBank> banks = new ConcurrentHashMap<>();
    /** Ids in creation order. */
    private final Queue<String> order = new ConcurrentLinkedQueue<>();
    /** account id, bank code and account number of each bank: what makes one unique. */
    private final Map<String, String> byIdentity = new ConcurrentHashMap<>();

    private final Accounts accounts;
    private final Clock clock;

    @Autowired
    public RecipientBanks(Accounts accounts) {
        this(accounts, Clock.systemUTC());
    }

    RecipientBanks(Accounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    /** @throws AlpacaException 404 for an unknown account, 409 when the account has this bank already */
    public RecipientBank create(String accountId, NewRecipientBank request) {
        requireAccount(accountId);
        String id = SandboxIds.uuid().toString();
        if (byIdentity.putIfAbsent(accountId + "|" + request.bankCode() + "|" + request.accountNumber(), id) != null) {
            throw new AlpacaException(409, AlpacaException.codeOf(409), "recipient bank already exists");
        }
        RecipientBank bank = new RecipientBank(
                id,
                accountId,
                request.name(),
                RecipientBank.APPROVED,
                RecipientBank.US,
                request.bankCode(),
                request.bankCodeType(),
                request.accountNumber(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        banks.put(id, bank);
        order.add(id);
        return bank;
    }

    /** The account's banks, oldest first. @throws AlpacaException 404 for an unknown account */
    public List<RecipientBank> banks(String accountId) {
        requireAccount(accountId);
        return order.stream()
                .map(banks::get)
                .filter(bank -> bank.accountId().equals(accountId))
                .filter(bank -> !RecipientBank.CANCELED.equals(bank.status()))
                .toList();
    }

    /** The account's bank with this id, if it may be wired to. */
    public Optional<RecipientBank> bank(String accountId, String bankId) {
        return Optional.ofNullable(banks.get(bankId))
                .filter(bank -> bank.accountId().equals(accountId))
                .filter(bank -> RecipientBank.APPROVED.equals(bank.status()));
    }

    private void requireAccount(String accountId) {
        if (accounts.account(accountId).isEmpty()) {
            throw AlpacaException.notFound("account not found: " + accountId);
        }
    }
}
