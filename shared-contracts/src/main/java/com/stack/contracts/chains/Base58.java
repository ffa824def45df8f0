package com.stack.contracts.chains;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Base58 with the Bitcoin alphabet (no {@code 0}, {@code O}, {@code I}, {@code l}), as Solana writes
 * its addresses. Each leading zero byte is written as a leading {@code 1}, so the encoding keeps the
 * length of zero-prefixed values.
 */
public final class Base58 {

    private static final char[] ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
    private static final int[] INDEXES = new int[128];
    private static final BigInteger BASE = BigInteger.valueOf(58);

    static {
        Arrays.fill(INDEXES, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            INDEXES[ALPHABET[i]] = i;
        }
    }

    private Base58() {}

    public static String encode(byte[] bytes) {
        int zeros = 0;
        while (zeros < bytes.length && bytes[zeros] == 0) {
            zeros++;
        }
        StringBuilder digits = new StringBuilder();
        BigInteger value = new BigInteger(1, bytes);
        while (value.signum() > 0) {
            BigInteger[] quotientAndRemainder = value.divideAndRemainder(BASE);
            digits.append(ALPHABET[quotientAndRemainder[1].intValue()]);
            value = quotientAndRemainder[0];
        }
        digits.append(String.valueOf(ALPHABET[0]).repeat(zeros));
        return digits.reverse().toString();
    }

    /** @throws IllegalArgumentException when {@code text} holds a character outside the alphabet */
    public static byte[] decode(String text) {
        int zeros = 0;
        while (zeros < text.length() && text.charAt(zeros) == ALPHABET[0]) {
            zeros++;
        }
        BigInteger value = BigInteger.ZERO;
        for (int i = zeros; i < text.length(); i++) {
            char c = text.charAt(i);
            int digit = c < INDEXES.length ? INDEXES[c] : -1;
            if (digit < 0) {
                throw new IllegalArgumentException("Not a base58 character at position " + i + ": '" + c + "'");
            }
            value = value.multiply(BASE).add(BigInteger.valueOf(digit));
        }
        byte[] magnitude = value.signum() == 0 ? new byte[0] : value.toByteArray();
        // toByteArray adds a sign byte when the top bit is set
        int signByte = magnitude.length > 1 && magnitude[0] == 0 ? 1 : 0;
        byte[] decoded = new byte[zeros + magnitude.length - signByte];
        System.arraycopy(magnitude, signByte, decoded, zeros, magnitude.length - signByte);
        return decoded;
    }
}
