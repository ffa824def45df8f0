package com.stack.investing.order.domain;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

import com.stack.investing.shared.domain.AssetType;
import com.stack.investing.shared.domain.OrderSide;

/**
 * The rules of {@code placeOrder}'s input: exactly one of basket, symbol and option; an amount in cents between
 * 1.00 and 100000.00; a ticker of 1 to 5 capital letters; an option that expires in the future, within 3 years,
 * with a positive strike in at most 3 decimals and 1 to 100 contracts. A valid request also has its fingerprint,
 * which tells a repeat of an idempotency key from another request under it.
 */
public final class OrderRules {

    public static final BigDecimal MIN_AMOUNT = new BigDecimal("1.00");
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("100000.00");
    public static final int MAX_CONTRACTS = 100;
    public static final int MAX_KEY_LENGTH = 128;
    private static final Pattern TICKER = Pattern.compile("^[A-Z]{1,5}$");

    private OrderRules() {}

    /** The option as the client sent it. */
    public record OptionInput(
            String underlying, String expiration, BigDecimal strike, OptionType type, Integer contracts) {}

    /** {@code placeOrder}'s input as the client sent it (the basket id already parsed). */
    public record Input(
            UUID basketId,
            String symbol,
            OptionInput option,
            OrderSide side,
            BigDecimal amountUsd,
            String idempotencyKey) {}

    /** A valid request: exactly one of basketId, symbol (with its asset type) and option. */
    public record Valid(
            UUID basketId,
            String symbol,
            AssetType assetType,
            OptionContract option,
            OrderSide side,
            BigDecimal amountUsd,
            String idempotencyKey,
            String fingerprint) {

        /** The instrument traded by a single order (the OCC symbol of an option); null for a basket. */
        public String instrument() {
            return option != null ? option.occSymbol() : symbol;
        }

        public BigDecimal limitPrice() {
            return option == null ? null : option.limitPrice(amountUsd, side);
        }
    }

    /** @throws InvalidOrderException naming the field that broke a rule */
    public static Valid check(Input input, LocalDate today) {
        int given = (input.basketId() != null ? 1 : 0)
                + (input.symbol() != null ? 1 : 0)
                + (input.option() != null ? 1 : 0);
        if (given != 1) {
            String field = input.basketId() != null ? "basketId" : input.symbol() != null ? "symbol" : "option";
            throw new InvalidOrderException(
                    "BAD_USER_INPUT", field, "Give exactly one of basketId, symbol and option (" + given + " given)");
        }
        if (input.side() == null) {
            throw InvalidOrderException.badInput("side", "is required");
        }
        String key = input.idempotencyKey();
        if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw InvalidOrderException.badInput("idempotencyKey", "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        BigDecimal amount = amount(input.amountUsd());
        if (input.basketId() != null) {
            return valid(input.basketId(), null, AssetType.BASKET, null, input.side(), amount, key);
        }
        if (input.symbol() != null) {
            if (!TICKER.matcher(input.symbol()).matches()) {
                throw InvalidOrderException.badInput("symbol", "must be 1 to 5 capital letters");
            }
            return valid(null, input.symbol(), AssetType.ofEquity(input.symbol()), null, input.side(), amount, key);
        }
        OptionContract option = option(input.option(), today);
        if (option.limitPrice(amount, input.side()) == null) {
            throw InvalidOrderException.badInput(
                    "amountUsd",
                    "is too small for " + option.contracts()
                            + " contracts: the limit price per share would be under 0.01");
        }
        return valid(null, null, AssetType.OPTION, option, input.side(), amount, key);
    }

    private static BigDecimal amount(BigDecimal amount) {
        if (amount == null) {
            throw InvalidOrderException.badInput("amountUsd", "is required");
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw InvalidOrderException.badInput("amountUsd", "must have at most 2 decimals");
        }
        if (amount.compareTo(MIN_AMOUNT) < 0 || amount.compareTo(MAX_AMOUNT) > 0) {
            throw InvalidOrderException.badInput("amountUsd", "must be between 1.00 and 100000.00");
        }
        return amount.setScale(2);
    }

    private static OptionContract option(OptionInput input, LocalDate today) {
        if (input.underlying() == null || !TICKER.matcher(input.underlying()).matches()) {
            throw InvalidOrderException.badInput("option.underlying", "must be 1 to 5 capital letters");
        }
        LocalDate expiration;
        try {
            expiration = input.expiration() == null || !input.expiration().matches("\\d{4}-\\d{2}-\\d{2}")
                    ? null
                    : LocalDate.parse(input.expiration());
        } catch (DateTimeParseException e) {
            expiration = null;
        }
        if (expiration == null) {
            throw InvalidOrderException.badInput("option.expiration", "must be a date YYYY-MM-DD");
        }
        if (!expiration.isAfter(today) || expiration.isAfter(today.plusYears(3))) {
            throw InvalidOrderException.badInput("option.expiration", "must be in the future, within 3 years");
        }
        BigDecimal strike = input.strike();
        if (strike == null
                || strike.signum() <= 0
                || strike.stripTrailingZeros().scale() > 3
                || strike.compareTo(new BigDecimal("99999.999")) > 0) {
            throw InvalidOrderException.badInput(
                    "option.strike", "must be positive, below 100000, with at most 3 decimals");
        }
        if (input.type() == null) {
            throw InvalidOrderException.badInput("option.type", "is required");
        }
        if (input.contracts() == null || input.contracts() < 1 || input.contracts() > MAX_CONTRACTS) {
            throw InvalidOrderException.badInput("option.contracts", "must be 1 to " + MAX_CONTRACTS);
        }
        BigDecimal normalizedStrike = strike.stripTrailingZeros();
        if (normalizedStrike.scale() < 0) {
            normalizedStrike = normalizedStrike.setScale(0);
        }
        return new OptionContract(input.underlying(), expiration, normalizedStrike, input.type(), input.contracts());
    }

    private static Valid valid(
            UUID basketId,
            String symbol,
            AssetType assetType,
            OptionContract option,
            OrderSide side,
            BigDecimal amount,
            String key) {
        String request = String.join(
                "|",
                String.valueOf(basketId),
                String.valueOf(symbol),
                option == null ? "null" : option.occSymbol() + "x" + option.contracts(),
                side.name(),
                amount.toPlainString());
        return new Valid(basketId, symbol, assetType, option, side, amount, key, sha256(request));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
