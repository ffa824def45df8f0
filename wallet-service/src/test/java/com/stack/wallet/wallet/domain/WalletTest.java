package com.stack.wallet.wallet.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class WalletTest {

    static final String ETHEREUM_ADDRESS = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    static final String SOLANA_ADDRESS = "4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T";

    static Wallet creating(Chain chain) {
        return Wallet.creating(UUID.randomUUID(), UUID.randomUUID(), chain);
    }

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

    @Test
    void aNewWalletIsCreatingWithoutAddressOrCustodianIdAndAcceptsNoDeposits() {
        Wallet wallet = creating(Chain.SOLANA);

        assertThat(wallet.status()).isEqualTo(WalletStatus.CREATING);
        assertThat(wallet.address()).isNull();
        assertThat(wallet.circleWalletId()).isNull();
        assertThat(wallet.acceptsDeposits()).isFalse();
    }

    @Test
    void aCreatingWalletBecomesActiveWithTheCustodiansWalletAndAddress() {
        Wallet wallet = creating(Chain.ETHEREUM);

        Wallet active = wallet.activate(new CustodyWallet("circle-wallet-1", ETHEREUM_ADDRESS));

        assertThat(active.status()).isEqualTo(WalletStatus.ACTIVE);
        assertThat(active.address()).isEqualTo(ETHEREUM_ADDRESS);
        assertThat(active.circleWalletId()).isEqualTo("circle-wallet-1");
        assertThat(active.id()).isEqualTo(wallet.id());
        assertThat(active.userId()).isEqualTo(wallet.userId());
        assertThat(active.acceptsDeposits()).isTrue();
    }

    @Test
    void anActiveWalletCannotBeActivatedAgain() {
        Wallet active = creating(Chain.SOLANA).activate(new CustodyWallet("circle-wallet-2", SOLANA_ADDRESS));

        assertThatThrownBy(() -> active.activate(new CustodyWallet("circle-wallet-3", SOLANA_ADDRESS)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only a CREATING wallet");
    }

    @Test
    void anInactiveWalletCannotBecomeActive() {
        Wallet inactive = new Wallet(
                UUID.randomUUID(), UUID.randomUUID(), Chain.ETHEREUM, ETHEREUM_ADDRESS, "cw", WalletStatus.INACTIVE);

        assertThatThrownBy(() -> inactive.activate(new CustodyWallet("cw", ETHEREUM_ADDRESS)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(inactive.acceptsDeposits()).isFalse();
    }

    @Test
    void aWalletIsNotActivatedWithAnAddressOfAnotherChain() {
        assertThatThrownBy(() -> creating(Chain.ETHEREUM).activate(new CustodyWallet("cw", SOLANA_ADDRESS)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a ETHEREUM address");
        assertThatThrownBy(() -> creating(Chain.SOLANA).activate(new CustodyWallet("cw", ETHEREUM_ADDRESS)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a SOLANA address");
    }

    @Test
    void aWalletIsNotActivatedWithoutTheCustodiansWalletId() {
        assertThatThrownBy(() -> creating(Chain.ETHEREUM).activate(new CustodyWallet(" ", ETHEREUM_ADDRESS)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no wallet id");
    }

    @Test
    void anActiveWalletWithoutAddressCannotExist() {
        assertThatThrownBy(() ->
                        new Wallet(UUID.randomUUID(), UUID.randomUUID(), Chain.SOLANA, null, "cw", WalletStatus.ACTIVE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", ETHEREUM_ADDRESS})
    void ethereumAddressesAre0xAndFortyHexCharacters(String address) {
        assertThat(Chain.ETHEREUM.isValidAddress(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
                "0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea",
                "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg",
                "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD",
                ""
            })
    void malformedEthereumAddressesAndBadChecksumsAreRefused(String address) {
        assertThat(Chain.ETHEREUM.isValidAddress(address)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T0",
                "4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDBOT",
                "short",
                "",
                "1111111111111111111111111111111"
            })
    void malformedSolanaAddressesAreRefused(String address) {
        assertThat(Chain.SOLANA.isValidAddress(address)).isFalse();
        assertThat(Chain.SOLANA.isValidAddress(null)).isFalse();
    }
}
