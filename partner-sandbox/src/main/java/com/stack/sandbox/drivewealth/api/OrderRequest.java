package com.stack.sandbox.drivewealth.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.stack.sandbox.drivewealth.app.DriveWealthBroker;
import com.stack.sandbox.drivewealth.domain.Account;
import com.stack.sandbox.drivewealth.domain.DriveWealthError.FieldError;
import com.stack.sandbox.drivewealth.domain.DriveWealthException;
import com.stack.sandbox.market.domain.AssetClass;
import com.stack.sandbox.market.domain.Instrument;
import com.stack.sandbox.market.domain.NewOrder;
import com.stack.sandbox.market.domain.OrderType;
import com.stack.sandbox.market.domain.Side;

/**
 * The body of {@code POST /orders}: {@code {"accountNo", "orderType": "MARKET|LIMIT", "symbol", "side":
 * "BUY|SELL", "quantity" | "amountCash", "price" (LIMIT), "clientOrderID"}}; amounts as JSON numbers or
 * decimal strings. Other fields are ignored. Two requests under one Idempotency-Key are the same when
 * their {@link NewOrder}s are equal.
 */
public record OrderRequest(
        String accountNo,
        String orderType,
        String symbol,
        String side,
        BigDecimal quantity,
        BigDecimal amountCash,
        BigDecimal price,
        String clientOrderID) {

    static final int MAX_CLIENT_ORDER_ID_LENGTH = 128;

    /** The order, checked; a 400 E032 naming every invalid field otherwise (an unknown symbol's form: 400 I050). */
    public NewOrder validated(Account account) {
        List<FieldError> errors = new ArrayList<>();
        if (clientOrderID == null || clientOrderID.isBlank() || clientOrderID.length() > MAX_CLIENT_ORDER_ID_LENGTH) {
            errors.add(new FieldError(
                    "clientOrderID",
                    "clientOrderID is required, at most " + MAX_CLIENT_ORDER_ID_LENGTH + " characters"));
        }
        OrderType type =
                "MARKET".equals(orderType) ? OrderType.MARKET : "LIMIT".equals(orderType) ? OrderType.LIMIT : null;
        if (type == null) {
            errors.add(new FieldError("orderType", "orderType must be MARKET or LIMIT"));
        }
        Side orderSide = "BUY".equals(side) ? Side.BUY : "SELL".equals(side) ? Side.SELL : null;
        if (orderSide == null) {
            errors.add(new FieldError("side", "side must be BUY or SELL"));
        }
        if ((quantity == null) == (amountCash == null)) {
            errors.add(new FieldError("quantity", "quantity or amountCash is required, not both"));
        }
        if (quantity != null
                && (quantity.signum() <= 0 || quantity.stripTrailingZeros().scale() > 9)) {
            errors.add(new FieldError("quantity", "quantity must be above 0 with at most 9 decimals"));
        }
        if (amountCash != null
                && (amountCash.compareTo(BigDecimal.ONE) < 0
                        || amountCash.stripTrailingZeros().scale() > 2)) {
            errors.add(new FieldError("amountCash", "amountCash must be at least 1 with at most 2 decimals"));
        }
        if (type == OrderType.LIMIT
                && (price == null
                        || price.signum() <= 0
                        || price.stripTrailingZeros().scale() > 4)) {
            errors.add(new FieldError("price", "a LIMIT order needs a price above 0 with at most 4 decimals"));
        }
        if (type == OrderType.MARKET && price != null) {
            errors.add(new FieldError("price", "price is only for LIMIT orders"));
        }
        Instrument instrument = Instrument.parse(symbol)
                .orElseThrow(() -> DriveWealthException.orderRefused(
                        DriveWealthException.UNKNOWN_INSTRUMENT, "Unknown symbol " + symbol));
        if (instrument.assetClass() == AssetClass.OPTION) {
            if (quantity == null || quantity.stripTrailingZeros().scale() > 0) {
                errors.add(new FieldError("quantity", "an option order needs quantity in whole contracts"));
            }
            if (type != OrderType.LIMIT) {
                errors.add(new FieldError("orderType", "an option order must be a LIMIT order"));
            }
        } else if (amountCash != null && type == OrderType.LIMIT) {
            errors.add(new FieldError("amountCash", "an amountCash order must be a MARKET order"));
        }
        if (!errors.isEmpty()) {
            throw DriveWealthException.invalid(errors);
        }
        return new NewOrder(
                DriveWealthBroker.PARTNER,
                account.id(),
                account.accountNo(),
                clientOrderID,
                instrument,
                orderSide,
                type,
                quantity,
                amountCash,
                price);
    }
}
