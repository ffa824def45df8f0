package com.stack.sandbox.chain.app;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import com.stack.sandbox.chain.domain.ChainException;
import com.stack.sandbox.chain.domain.TransferRequest;
import com.stack.sandbox.circle.notifications.app.Notifications;
import com.stack.sandbox.circle.notifications.config.CircleNotificationProperties;
import com.stack.sandbox.circle.notifications.domain.InboundTransaction;
import com.stack.sandbox.circle.notifications.domain.NotificationDelivery;
import com.stack.sandbox.circle.wallets.app.DeveloperWallets;
import com.stack.sandbox.circle.wallets.app.WalletBalances;
import com.stack.sandbox.circle.wallets.domain.Blockchain;
import com.stack.sandbox.circle.wallets.domain.UsdcHolding;
import com.stack.sandbox.circle.wallets.domain.Wallet;
import com.stack.sandbox.partners.SandboxIds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * A stand-in for the blockchains: a transfer of USDC into one of the sandbox's Circle wallets, which
 * Circle then announces through its webhook notifications, one per state. Nothing is mined; the
 * transaction hash is made up in the chain's form (0x + 64 hex digits on Ethereum, base58 of 64 bytes
 * on Solana) unless given. A transfer that reaches COMPLETE credits the wallet's USDC balance when it
 * is made (unless its amount has more decimals than USDC: it is announced, and credits nothing).
 */
@Service
public class SimulatedChain {

    static final String COMPLETE = "COMPLETE";

    private final ConcurrentHashMap<String, InboundTransaction> transfers = new ConcurrentHashMap<>();
    private final DeveloperWallets wallets;
    private final WalletBalances balances;
    private final Notifications notifications;
    private final CircleNotificationProperties properties;
    private final Clock clock;

    @Autowired
    public SimulatedChain(
            DeveloperWallets wallets,
            WalletBalances balances,
            Notifications notifications,
            CircleNotificationProperties properties) {
        this(wallets, balances, notifications, properties, Clock.systemUTC());
    }

    SimulatedChain(
            DeveloperWallets wallets,
            WalletBalances balances,
            Notifications notifications,
            CircleNotificationProperties properties,
            Clock clock) {
        this.wallets = wallets;
        this.balances = balances;
        this.notifications = notifications;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Records the transfer and starts its notifications.
     *
     * @throws ChainException 400 for an invalid request, 404 when no wallet of the sandbox has the address
     */
    public InboundTransaction transfer(TransferRequest request) {
        TransferRequest valid = request.validated();
        Wallet wallet = wallets.byAddress(valid.address())
                .orElseThrow(() ->
                        ChainException.notFound("No Circle wallet of the sandbox has the address " + valid.address()));
        Blockchain blockchain = Blockchain.named(wallet.blockchain()).orElseThrow();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        InboundTransaction transaction = new InboundTransaction(
                SandboxIds.uuid().toString(),
                wallet.blockchain(),
                properties.usdcTokenIds().of(blockchain),
                wallet.id(),
                wallet.address(),
                valid.amount(),
                valid.txHash() == null ? blockchain.newTxHash(ThreadLocalRandom.current()) : valid.txHash(),
                valid.states(),
                now);
        transfers.put(transaction.id(), transaction);
        BigDecimal amount = new BigDecimal(valid.amount()).stripTrailingZeros();
        if (valid.states().contains(COMPLETE) && amount.scale() <= UsdcHolding.DECIMALS) {
            balances.credit(wallet.id(), amount);
        }
        notifications.inbound(transaction);
        return transaction;
    }

    public Optional<InboundTransaction> transferById(String id) {
        return Optional.ofNullable(transfers.get(id));
    }

    /** Every transfer made so far, oldest first (by creation, then id). */
    public List<InboundTransaction> transfers() {
        return transfers.values().stream()
                .sorted(Comparator.comparing(InboundTransaction::createDate).thenComparing(InboundTransaction::id))
                .toList();
    }

    /** @throws ChainException 404 for an unknown transfer */
    public List<NotificationDelivery> deliveries(String transferId) {
        if (transferById(transferId).isEmpty()) {
            throw ChainException.notFound("No transfer " + transferId);
        }
        return notifications.deliveries(transferId).orElse(List.of());
    }
}
