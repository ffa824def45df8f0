package com.stack.wallet.wallet.domain;

import com.stack.wallet.kyc.domain.KycStanding;

/**
 * Which wallet's address a user may deposit to on a chain, and why not when there is none. KYC comes first:
 * an address is never handed out to a user who is not (or no longer) approved, whatever wallet exists.
 */
public final class DepositAddressRule {

    private DepositAddressRule() {}

    /**
     * @param kyc    the user's latest KYC standing, or null if none was heard of
     * @param wallet the user's wallet on the chain, or null if there is none
     * @return the active wallet whose address may be handed out
     * @throws KycNotApprovedException            unless KYC is approved
     * @throws WalletNotReadyException            if the wallet is still being created (or about to be)
     * @throws DepositAddressUnavailableException if the wallet is inactive
     */
    public static Wallet depositWallet(Chain chain, KycStanding kyc, Wallet wallet) {
        if (kyc == null || !kyc.approved()) {
            throw new KycNotApprovedException(chain);
        }
        if (wallet == null || wallet.status() == WalletStatus.CREATING) {
            // approval and the creating rows commit together, so "none" is only a moment's gap
            throw new WalletNotReadyException(chain);
        }
        if (!wallet.acceptsDeposits()) {
            throw new DepositAddressUnavailableException(chain);
        }
        return wallet;
    }
}
