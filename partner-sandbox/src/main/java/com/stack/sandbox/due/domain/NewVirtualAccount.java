package com.stack.sandbox.due.domain;

/** A valid virtual account request (see {@link VirtualAccount}). */
public record NewVirtualAccount(
        String destination, String schemaIn, String currencyIn, String railOut, String currencyOut, String reference) {}
