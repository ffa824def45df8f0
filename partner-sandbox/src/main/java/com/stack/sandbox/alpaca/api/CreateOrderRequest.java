package com.stack.sandbox.alpaca.api;

import java.math.BigDecimal;
import java.util.regex.Pattern;

import com.stack.sandbox.alpaca.app.AlpacaBroker;
import com.stack.sandbox.alpaca.domain.AlpacaException;
import com.stack.sandbox.market.domain.AssetClass;
import com.stack.sandbox.market.domain.Instrument;
import com.stack.sandbox.market.domain.NewOrder;
import com.stack.sandbox.market.domain.OrderType;
import com.stack.sandbox.market.domain.Side;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The body of {@code POST /v1/trading/accounts/{id}/orders}: {@code {"symbol", "qty" | "notional", "side":
 * "buy|sell", "type": "market|limit", "time_in_force": "day", "limit_price", "client_order_id"}}, amounts
 * as decimal strings. Every refusal is a 422, as Alpaca's.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreateOrderRequest(
        String symbol,
        String qty,
        String notional,
        String side,
        String type,
        String timeInForce,
        String limitPrice,
        String clientOrderId) {

    private static final Pattern QUANTITY = Pattern.compile("\\d{1,12}(\\.\\d{1,9})?");
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,12}(\\.\\d{1,2})?");
    private static final Pattern PRICE = Pattern.compile("\\d{1,9}(\\.\\d{1,4})?");
    static final int MAX_CLIENT_ORDER_ID_LENGTH = 128;

    public NewOrder validated(String accountId) {
        if (clientOrderId == null || clientOrderId.isBlank() || clientOrderId.length() > MAX_CLIENT_ORDER_ID_LENGTH) {
            throw AlpacaException.unprocessable(
                    "client_order_id is required, at most " + MAX_CLIENT_ORDER_ID_LENGTH + " characters");
        }
        Instrument instrument = Instrument.parse(symbol)
                .orElseThrow(
                        () -> AlpacaException.unprocessable("symbol must be an equity symbol or an OCC option symbol"));
        Side orderSide = switch (String.valueOf(side)) {
            case "buy" -> Side.BUY;
            case "sell" -> Side.SELL;
            default -> throw AlpacaException.unprocessable("side must be buy or sell");
        };
        OrderType orderType = switch (String.valueOf(type)) {
            case "market" -> OrderType.MARKET;
            case "limit" -> OrderType.LIMIT;
            default -> throw AlpacaException.unprocessable("type must be market or limit");
        };
        if (timeInForce != null && !"day".equals(timeInForce)) {
            throw AlpacaException.unprocessable("time_in_force must be day");
        }
        if ((qty == null) == (notional == null)) {
            throw AlpacaException.unprocessable("qty or notional is required, not both");
        }
        BigDecimal quantity = qty == null
                ? null
                : positive(qty, QUANTITY, "qty must be a positive decimal string, at most 9 decimals");
        BigDecimal amount = notional == null
                ? null
                : positive(notional, AMOUNT, "notional must be a positive decimal string, at most 2 decimals");
        if (amount != null && orderSide == Side.BUY && amount.compareTo(BigDecimal.ONE) < 0) {
            throw AlpacaException.unprocessable("notional must be at least 1 for a buy");
        }
        BigDecimal limit = null;
        if (orderType == OrderType.LIMIT) {
            if (limitPrice == null) {
                throw AlpacaException.unprocessable("limit_price is required for a limit order");
            }
            limit = positive(limitPrice, PRICE, "limit_price must be a positive decimal string, at most 4 decimals");
        } else if (limitPrice != null) {
            throw AlpacaException.unprocessable("limit_price is only for limit orders");
        }
        if (instrument.assetClass() == AssetClass.OPTION) {
            if (quantity == null || quantity.stripTrailingZeros().scale() > 0) {
                throw AlpacaException.unprocessable("an option order needs qty in whole contracts");
            }
            if (orderType != OrderType.LIMIT) {
                throw AlpacaException.unprocessable("an option order must be a limit order");
            }
        } else if (amount != null && orderType == OrderType.LIMIT) {
            throw AlpacaException.unprocessable("a notional order must be a market order");
        }
        return new NewOrder(
                AlpacaBroker.PARTNER,
                accountId,
                accountId,
                clientOrderId,
                instrument,
                orderSide,
                orderType,
                quantity,
                amount,
                limit);
    }

    private static BigDecimal positive(String value, Pattern pattern, String message) {
        if (!pattern.matcher(value).matches() || new BigDecimal(value).signum() <= 0) {
            throw AlpacaException.unprocessable(message);
        }
        return new BigDecimal(value);
    }
}
