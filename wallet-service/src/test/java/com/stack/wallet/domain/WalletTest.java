package com.stack.wallet.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WalletTest {

    @ParameterizedTest
    @EnumSource(Chain.class)
    void chainsRoundTripThroughTheirLowerCaseColumn(Chain chain) {
        assertThat(chain.column()).isEqualTo(chain.name().toLowerCase());
        assertThat(Chain.fromColumn(chain.column())).isEqualTo(chain);
    }

    @ParameterizedTest
    @EnumSource(WalletStatus.class)
    void statusesRoundTripThroughTheirLowerCaseColumn(WalletStatus status) {
        assertThat(status.column()).isEqualTo(status.name().toLowerCase());
        assertThat(WalletStatus.fromColumn(status.column())).isEqualTo(status);
    }

    @ParameterizedTest
    @EnumSource(WalletStatus.class)
    void onlyAnActiveWalletAcceptsDeposits(WalletStatus status) {
        Wallet wallet = new Wallet(UUID.randomUUID(), UUID.randomUUID(), Chain.ETHEREUM, "0xabc", status);
        assertThat(wallet.acceptsDeposits()).isEqualTo(status == WalletStatus.ACTIVE);
    }

    @Test
    void withoutAWalletTheErrorSaysKycApprovalCreatesIt() {
        var error = new DepositAddressUnavailableException(Chain.SOLANA, null);
        assertThat(error.code()).isEqualTo("DEPOSIT_ADDRESS_UNAVAILABLE");
        assertThat(error.getMessage()).contains("SOLANA").contains("created when").contains("KYC");
    }

    @Test
    void theErrorSaysWhenTheWalletIsStillBeingCreatedOrInactive() {
        assertThat(new DepositAddressUnavailableException(Chain.ETHEREUM, WalletStatus.CREATING).getMessage())
                .contains("still being created");
        assertThat(new DepositAddressUnavailableException(Chain.ETHEREUM, WalletStatus.INACTIVE).getMessage())
                .contains("inactive");
    }
}
