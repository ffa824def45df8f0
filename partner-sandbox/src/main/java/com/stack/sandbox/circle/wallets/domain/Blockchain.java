package com.stack.sandbox.circle.wallets.domain;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;

import com.stack.contracts.chains.Base58;
import com.stack.contracts.chains.EthereumAddress;
import com.stack.contracts.chains.SolanaAddress;

/** The blockchains the sandbox creates wallets on, by Circle's names for them. */
public enum Blockchain {
    ETH("ETH", Family.EVM),
    ETH_SEPOLIA("ETH-SEPOLIA", Family.EVM),
    SOL("SOL", Family.SOLANA),
    SOL_DEVNET("SOL-DEVNET", Family.SOLANA);

    public enum Family {
        EVM,
        SOLANA
    }

    private static final int ETHEREUM_HASH_BYTES = 32;
    private static final int SOLANA_SIGNATURE_BYTES = 64;

    private final String wireName;
    private final Family family;

    Blockchain(String wireName, Family family) {
        this.wireName = wireName;
        this.family = family;
    }

    public static Optional<Blockchain> named(String wireName) {
        return Arrays.stream(values())
                .filter(chain -> chain.wireName.equals(wireName))
                .findFirst();
    }

    public String wireName() {
        return wireName;
    }

    public Family family() {
        return family;
    }

    /**
     * A fresh address in the chain's own form: EIP-55 checksummed for EVM chains, base58 of 32 bytes
     * for Solana. The bytes are random, not derived from a key pair: nothing is ever signed with them.
     */
    public String newAddress(Random random) {
        byte[] bytes = new byte[family == Family.EVM ? EthereumAddress.LENGTH_BYTES : SolanaAddress.LENGTH_BYTES];
        random.nextBytes(bytes);
        return family == Family.EVM ? EthereumAddress.checksum(bytes) : SolanaAddress.of(bytes);
    }

    /**
     * Whether {@code address} is an address of this chain: EIP-55 (or single-case) {@code 0x} + 40 hex
     * digits on EVM chains, base58 of 32 bytes on Solana.
     */
    public boolean isValidAddress(String address) {
        return family == Family.EVM ? EthereumAddress.isValid(address) : SolanaAddress.isValid(address);
    }

    /**
     * A made-up transaction hash in the chain's form: {@code 0x} + 64 hex digits on EVM chains, the
     * base58 of a 64-byte signature on Solana. Nothing is mined.
     */
    public String newTxHash(Random random) {
        byte[] bytes = new byte[family == Family.EVM ? ETHEREUM_HASH_BYTES : SOLANA_SIGNATURE_BYTES];
        random.nextBytes(bytes);
        return family == Family.EVM ? "0x" + HexFormat.of().formatHex(bytes) : Base58.encode(bytes);
    }
}
