package com.stack.contracts.chains;

/**
 * Solana account addresses: the base58 form of a 32-byte ed25519 public key, 32 to 44 characters.
 * Whether the key lies on the curve is not checked: program-derived addresses are deliberately off it.
 */
public final class SolanaAddress {

    public static final int LENGTH_BYTES = 32;
    private static final int MIN_CHARS = 32;
    private static final int MAX_CHARS = 44;

    private SolanaAddress() {}

    /** The address of a 32-byte public key. */
    public static String of(byte[] publicKey) {
        if (publicKey == null || publicKey.length != LENGTH_BYTES) {
            throw new IllegalArgumentException("A Solana address has " + LENGTH_BYTES + " bytes");
        }
        return Base58.encode(publicKey);
    }

    public static boolean isValid(String address) {
        if (address == null || address.length() < MIN_CHARS || address.length() > MAX_CHARS) {
            return false;
        }
        try {
            return Base58.decode(address).length == LENGTH_BYTES;
        } catch (IllegalArgumentException notBase58) {
            return false;
        }
    }
}
