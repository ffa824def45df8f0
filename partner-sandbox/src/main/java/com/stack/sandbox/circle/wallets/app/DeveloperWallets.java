package com.stack.sandbox.circle.wallets.app;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import com.stack.sandbox.circle.wallets.domain.Blockchain;
import com.stack.sandbox.circle.wallets.domain.CircleException;
import com.stack.sandbox.circle.wallets.domain.NewWalletSet;
import com.stack.sandbox.circle.wallets.domain.NewWallets;
import com.stack.sandbox.circle.wallets.domain.Wallet;
import com.stack.sandbox.circle.wallets.domain.WalletSet;
import com.stack.sandbox.partners.IdempotencyStore;
import com.stack.sandbox.partners.IdempotencyStore.Outcome;
import com.stack.sandbox.partners.SandboxIds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Circle's developer-controlled wallets, in memory: wallet sets, their wallets, and the
 * idempotency keys of both writes. A restart forgets everything.
 */
@Service
public class DeveloperWallets {

    static final String DEVELOPER = "DEVELOPER";
    static final String LIVE = "LIVE";

    private final ConcurrentHashMap<UUID, WalletSet> walletSets = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UUID, Wallet> wallets = new ConcurrentHashMap<>();
    private final IdempotencyStore<NewWalletSet, WalletSet> walletSetKeys = new IdempotencyStore<>();
    private final IdempotencyStore<NewWallets, List<Wallet>> walletKeys = new IdempotencyStore<>();
    private final Clock clock;

    @Autowired
    public DeveloperWallets() {
        this(Clock.systemUTC());
    }

    DeveloperWallets(Clock clock) {
        this.clock = clock;
    }

    /** @throws CircleException 409 when the key was used for a different request */
    public Outcome<WalletSet> createWalletSet(NewWalletSet request) {
        return requireSameRequest(walletSetKeys.execute(request.idempotencyKey().toString(), request, () -> {
            String now = now();
            WalletSet walletSet = new WalletSet(
                    SandboxIds.uuid().toString(), DEVELOPER, request.name() == null ? "" : request.name(), now, now);
            walletSets.put(UUID.fromString(walletSet.id()), walletSet);
            return walletSet;
        }));
    }

    /**
     * Creates {@code count} wallets on each blockchain, in the order of the request's blockchains.
     *
     * @throws CircleException 404 when the wallet set does not exist, 409 when the key was used for a different request
     */
    public Outcome<List<Wallet>> createWallets(NewWallets request) {
        return requireSameRequest(walletKeys.execute(request.idempotencyKey().toString(), request, () -> {
            if (!walletSets.containsKey(request.walletSetId())) {
                throw CircleException.walletSetNotFound();
            }
            String now = now();
            List<Wallet> created = new ArrayList<>();
            for (Blockchain blockchain : request.blockchains()) {
                for (int i = 0; i < request.count(); i++) {
                    NewWallets.Metadata metadata = i < request.metadata().size()
                            ? request.metadata().get(i)
                            : new NewWallets.Metadata(null, null);
                    created.add(new Wallet(
                            SandboxIds.uuid().toString(),
                            LIVE,
                            request.walletSetId().toString(),
                            DEVELOPER,
                            blockchain.newAddress(ThreadLocalRandom.current()),
                            blockchain.wireName(),
                            request.accountType(),
                            orEmpty(metadata.refId()),
                            orEmpty(metadata.name()),
                            now,
                            now));
                }
            }
            created.forEach(wallet -> wallets.put(UUID.fromString(wallet.id()), wallet));
            return List.copyOf(created);
        }));
    }

    public Optional<Wallet> wallet(UUID id) {
        return Optional.ofNullable(wallets.get(id));
    }

    /** The wallet with this address (an Ethereum address in any letter case), if the sandbox created it. */
    public Optional<Wallet> byAddress(String address) {
        boolean ethereum = address.startsWith("0x") || address.startsWith("0X");
        return wallets.values().stream()
                .filter(wallet -> ethereum
                        ? wallet.address().equalsIgnoreCase(address)
                        : wallet.address().equals(address))
                .findFirst();
    }

    /**
     * The sandbox's wallet with this address on a chain of {@code family} (an Ethereum address in any letter
     * case; {@code ETH} and {@code ETH-SEPOLIA} alike): where USDC sent to the address by a partner lands.
     */
    public Optional<Wallet> byAddress(String address, Blockchain.Family family) {
        return byAddress(address)
                .filter(wallet ->
                        Blockchain.named(wallet.blockchain()).orElseThrow().family() == family);
    }

    /** Circle's "list wallets": every wallet whose refId and blockchain match the given filters (null: any). */
    public List<Wallet> list(String refId, String blockchain) {
        return wallets.values().stream()
                .filter(wallet -> refId == null || refId.equals(wallet.refId()))
                .filter(wallet -> blockchain == null || blockchain.equals(wallet.blockchain()))
                .sorted(java.util.Comparator.comparing(Wallet::createDate).thenComparing(Wallet::id))
                .toList();
    }

    private static <V> Outcome<V> requireSameRequest(Outcome<V> outcome) {
        if (outcome.kind() == Outcome.Kind.CONFLICT) {
            throw CircleException.idempotencyKeyReused();
        }
        return outcome;
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
