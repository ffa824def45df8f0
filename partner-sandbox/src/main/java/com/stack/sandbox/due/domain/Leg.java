package com.stack.sandbox.due.domain;

/**
 * One side of a quote or transfer as Due shows it: {@code {"rail": "ethereum", "currency": "USDC",
 * "amount": "125.000000"}}, the amount written with the currency's decimals.
 */
public record Leg(String rail, String currency, String amount) {}
