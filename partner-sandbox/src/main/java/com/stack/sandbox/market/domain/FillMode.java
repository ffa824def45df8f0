package com.stack.sandbox.market.domain;

/**
 * How the exchange treats a symbol's orders once they work (after the fill delay): {@code FILL} fully;
 * {@code SPLIT} half, then the rest one more delay later; {@code PARTIAL} a fraction, then it rests;
 * {@code REST} never fills; {@code REJECT} rejects it.
 */
public enum FillMode {
    FILL,
    SPLIT,
    PARTIAL,
    REST,
    REJECT
}
