package com.stack.investing.domain;

public enum OptionType {
    CALL,
    PUT
}
