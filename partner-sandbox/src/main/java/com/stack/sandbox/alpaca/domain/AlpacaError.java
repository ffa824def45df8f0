package com.stack.sandbox.alpaca.domain;

/** Alpaca's error body: {@code {"code": 40010001, "message": "..."}}. */
public record AlpacaError(int code, String message) {}
