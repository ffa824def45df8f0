package com.stack.sandbox.circle.wallets.domain;

/** A developer-controlled wallet set, as Circle shows it. Dates are ISO-8601 in whole seconds, as Circle writes them. */
public record WalletSet(String id, String custodyType, String name, String createDate, String updateDate) {}
