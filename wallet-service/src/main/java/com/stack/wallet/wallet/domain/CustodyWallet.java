package com.stack.wallet.wallet.domain;

/**
 * A wallet as the custodian (Circle) opened it.
 *
 * @param walletId the custodian's id of the wallet
 * @param address  its on-chain address
 */
public record CustodyWallet(String walletId, String address) {}
