package com.stack.sandbox.market.domain;

import java.math.BigDecimal;

/** One fill: its id, this fill's quantity and price. */
public record Execution(String id, BigDecimal quantity, BigDecimal price) {}
