package com.stack.sandbox.alpaca.domain;

import java.util.List;

/** A valid account request. Two requests under one idempotency key are "the same" when these are equal. */
public record NewAccount(String emailAddress, String givenName, String familyName, List<String> enabledAssets) {

    public NewAccount {
        enabledAssets = List.copyOf(enabledAssets);
    }
}
