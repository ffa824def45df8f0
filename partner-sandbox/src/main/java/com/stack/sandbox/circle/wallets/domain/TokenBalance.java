package com.stack.sandbox.circle.wallets.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of {@code GET /v1/w3s/wallets/{id}/balances}: a token and how much of it the wallet holds.
 * The sandbox knows one token, USDC on the wallet's blockchain.
 *
 * @param amount     a plain decimal string ("125.5", "0")
 * @param updateDate when the amount last changed; the wallet's creation while it never did
 */
public record TokenBalance(Token token, String amount, String updateDate) {

    /** Circle's token object, for USDC. */
    public record Token(
            String id,
            String blockchain,
            String name,
            String symbol,
            int decimals,
            @JsonProperty("isNative") boolean isNative,
            String standard) {

        public static Token usdc(String id, Blockchain blockchain) {
            return new Token(
                    id,
                    blockchain.wireName(),
                    "USD Coin",
                    "USDC",
                    UsdcHolding.DECIMALS,
                    false,
                    blockchain.family() == Blockchain.Family.EVM ? "ERC20" : "Fungible");
        }
    }
}
