package com.stack.sandbox.market.domain;

public enum OrderType {
    MARKET,
    LIMIT
}
