package com.stack.sandbox.circle.wallets.domain;

/** A developer-controlled wallet, as Circle shows it. {@code name} and {@code refId} are "" when none was given. */
public record Wallet(
        String id,
        String state,
        String walletSetId,
        String custodyType,
        String address,
        String blockchain,
        String accountType,
        String refId,
        String name,
        String createDate,
        String updateDate) {}
