package com.stack.wallet.wallet.domain;

import java.util.Objects;
import java.util.UUID;

/**
 * A user's Circle developer-controlled wallet on one chain. It is {@link WalletStatus#CREATING} from KYC
 * approval until the custodian has opened it, then {@link WalletStatus#ACTIVE} with the custodian's wallet id
 * and address; only then may its address be handed out.
 *
 * @param circleWalletId the custodian's wallet id; null while creating
 * @param address        the on-chain address; null while creating
 */
public record Wallet(UUID id, UUID userId, Chain chain, String address, String circleWalletId, WalletStatus status) {

    public Wallet {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(status, "status");
        if (status == WalletStatus.ACTIVE && (address == null || circleWalletId == null)) {
            throw new IllegalArgumentException("An active wallet has an address and a custodian wallet id");
        }
    }

    /** A wallet the custodian has yet to open: no address, no custodian id. */
    public static Wallet creating(UUID id, UUID userId, Chain chain) {
        return new Wallet(id, userId, chain, null, null, WalletStatus.CREATING);
    }

    /**
     * The wallet once the custodian opened it. Only a wallet being created can become active, and only with an
     * address that is valid on its chain.
     *
     * @throws IllegalStateException    if the wallet is not being created
     * @throws IllegalArgumentException if the custodian's answer is not a wallet on this chain
     */
    public Wallet activate(CustodyWallet opened) {
        if (status != WalletStatus.CREATING) {
            throw new IllegalStateException(
                    "Wallet " + id + " is " + status + ", only a CREATING wallet can become ACTIVE");
        }
        if (opened.walletId() == null || opened.walletId().isBlank()) {
            throw new IllegalArgumentException("The custodian returned no wallet id for wallet " + id);
        }
        if (!chain.isValidAddress(opened.address())) {
            throw new IllegalArgumentException(
                    "The custodian returned '" + opened.address() + "', not a " + chain + " address, for wallet " + id);
        }
        return new Wallet(id, userId, chain, opened.address(), opened.walletId(), WalletStatus.ACTIVE);
    }

    /**
     * Whether the custodian has opened it, so it has an address to show. A wallet still being created
     * has none; the mobile contract's {@code Wallet.address} is non-null, so such a wallet is not listed yet.
     */
    public boolean isOpened() {
        return address != null;
    }

    /** Only an active wallet's address may be handed out: funds sent elsewhere could not be credited. */
    public boolean acceptsDeposits() {
        return status == WalletStatus.ACTIVE;
    }
}
