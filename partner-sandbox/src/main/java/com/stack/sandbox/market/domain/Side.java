package com.stack.sandbox.market.domain;

public enum Side {
    BUY,
    SELL
}
