package com.stack.wallet.wallet.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import com.stack.wallet.kyc.domain.KycStanding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DepositAddressRuleTest {

    static final KycStanding APPROVED = new KycStanding("APPROVED", 2);

    final Wallet creating = Wallet.creating(UUID.randomUUID(), UUID.randomUUID(), Chain.ETHEREUM);
    final Wallet active = creating.activate(new CustodyWallet("cw-1", WalletTest.ETHEREUM_ADDRESS));

    @Test
    void anApprovedUsersActiveWalletIsHandedOut() {
        assertThat(DepositAddressRule.depositWallet(Chain.ETHEREUM, APPROVED, active))
                .isEqualTo(active);
    }

    @Test
    void withoutAnyKycStatusTheErrorSaysKycIsNotApproved() {
        assertThatThrownBy(() -> DepositAddressRule.depositWallet(Chain.SOLANA, null, null))
                .isInstanceOfSatisfying(KycNotApprovedException.class, error -> {
                    assertThat(error.code()).isEqualTo("KYC_NOT_APPROVED");
                    assertThat(error.getMessage())
                            .contains("SOLANA")
                            .contains("KYC")
                            .contains("approved");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"NOT_STARTED", "PENDING", "REJECTED"})
    void anAddressIsNeverHandedOutUnlessKycIsApprovedEvenIfAWalletIsActive(String status) {
        assertThatThrownBy(() -> DepositAddressRule.depositWallet(Chain.ETHEREUM, new KycStanding(status, 3), active))
                .isInstanceOf(KycNotApprovedException.class);
    }

    @Test
    void anApprovedUsersWalletStillBeingCreatedIsNotReady() {
        assertThatThrownBy(() -> DepositAddressRule.depositWallet(Chain.ETHEREUM, APPROVED, creating))
                .isInstanceOfSatisfying(WalletNotReadyException.class, error -> {
                    assertThat(error.code()).isEqualTo("WALLET_NOT_READY");
                    assertThat(error.getMessage()).contains("ETHEREUM").contains("still being created");
                });
        assertThatThrownBy(() -> DepositAddressRule.depositWallet(Chain.ETHEREUM, APPROVED, null))
                .isInstanceOf(WalletNotReadyException.class);
    }

    @Test
    void anInactiveWalletHasNoDepositAddress() {
        Wallet inactive = new Wallet(
                active.id(), active.userId(), Chain.ETHEREUM, active.address(), "cw-1", WalletStatus.INACTIVE);

        assertThatThrownBy(() -> DepositAddressRule.depositWallet(Chain.ETHEREUM, APPROVED, inactive))
                .isInstanceOfSatisfying(DepositAddressUnavailableException.class, error -> {
                    assertThat(error.code()).isEqualTo("DEPOSIT_ADDRESS_UNAVAILABLE");
                    assertThat(error.getMessage()).contains("inactive");
                });
    }
}
