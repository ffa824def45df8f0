package com.stack.sandbox.alpaca.domain;

/** A valid recipient bank request for one account. */
public record NewRecipientBank(String name, String bankCode, String bankCodeType, String accountNumber) {}
