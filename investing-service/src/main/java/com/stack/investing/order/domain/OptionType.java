package com.stack.investing.order.domain;

public enum OptionType {
    CALL,
    PUT
}
