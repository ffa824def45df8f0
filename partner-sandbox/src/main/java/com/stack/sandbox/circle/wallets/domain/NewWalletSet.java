package com.stack.sandbox.circle.wallets.domain;

import java.util.UUID;

/**
 * A validated request for a wallet set. It leaves out the entity secret ciphertext, which is fresh
 * on every request: two requests are "the same" for idempotency when these fields are equal.
 */
public record NewWalletSet(UUID idempotencyKey, String name) {}
