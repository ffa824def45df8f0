package com.stack.contracts.input;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;

/**
 * The bounds every value a client sends must keep, checked before any arithmetic or allocation: by the gateway
 * on every operation it accepts, and by every service on every field it serves (the same code, so the two can
 * never disagree).
 *
 * <ul>
 * <li>A {@code Decimal} is plain decimal text: an optional minus, 1 to {@value #DECIMAL_INTEGER_DIGITS} integer
 * digits, optionally a point and 1 to {@value #DECIMAL_SCALE} fraction digits. No exponent ({@code 1E+1000000}
 * is 10 characters and a million digits once expanded), no sign but minus, no spaces, no grouping. Each field
 * narrows it further where it takes money (whole cents for USD, 6 places for USDC).</li>
 * <li>A {@code String} or {@code ID} holds at most {@link Limits#maxStringLength()} characters, a list at most
 * {@link Limits#maxListSize()} items, at any depth of an input object.</li>
 * </ul>
 */
public final class InputBounds {

    public static final int DECIMAL_INTEGER_DIGITS = 15;
    public static final int DECIMAL_SCALE = 8;
    public static final String DECIMAL = "Decimal";

    private static final int MAX_DECIMAL_TEXT = 1 + DECIMAL_INTEGER_DIGITS + 1 + DECIMAL_SCALE;
    private static final Pattern PLAIN_DECIMAL =
            Pattern.compile("-?[0-9]{1," + DECIMAL_INTEGER_DIGITS + "}(\\.[0-9]{1," + DECIMAL_SCALE + "})?");

    private InputBounds() {}

    /**
     * Sizes of strings and lists.
     *
     * @param maxStringLength characters of a {@code String} or {@code ID} value
     * @param maxListSize     items of a list value
     */
    public record Limits(int maxStringLength, int maxListSize) {

        public static final Limits DEFAULT = new Limits(512, 100);

        public Limits {
            if (maxStringLength < 1 || maxListSize < 1) {
                throw new IllegalArgumentException(
                        "Input limits must be at least 1: " + maxStringLength + ", " + maxListSize);
            }
        }
    }

    /** A value out of bounds: where it is ({@code initiateWithdrawal.input.amountUsd}) and what is wrong. */
    public record Violation(String path, String message) {}

    /** A decimal that is not plain decimal text within the bounds. */
    public static final class InvalidDecimalException extends IllegalArgumentException {

        InvalidDecimalException(String message) {
            super(message);
        }
    }

    /**
     * The decimal that {@code text} spells, refused before anything is computed from it when it is not plain
     * decimal text within {@value #DECIMAL_INTEGER_DIGITS} integer digits and {@value #DECIMAL_SCALE} places.
     */
    public static BigDecimal decimal(String text) {
        if (text.length() > MAX_DECIMAL_TEXT || !PLAIN_DECIMAL.matcher(text).matches()) {
            throw new InvalidDecimalException(decimalRule(text));
        }
        return new BigDecimal(text);
    }

    /** Whether an already computed decimal keeps the same bounds (its scale and integer digits). */
    public static boolean withinBounds(BigDecimal value) {
        return value.scale() <= DECIMAL_SCALE
                && value.scale() >= 0
                && value.precision() - value.scale() <= DECIMAL_INTEGER_DIGITS;
    }

    private static String decimalRule(String text) {
        return "must be a plain decimal such as \"12.50\": at most " + DECIMAL_INTEGER_DIGITS
                + " digits before the point and " + DECIMAL_SCALE + " after, no exponent, got " + quoted(text);
    }

    /** The first argument of {@code field} out of bounds, or null. {@code path} names the field ("initiateWithdrawal"). */
    public static Violation checkArguments(
            String path, GraphQLFieldDefinition field, Map<String, ?> arguments, Limits limits) {
        for (GraphQLArgument argument : field.getArguments()) {
            if (arguments.containsKey(argument.getName())) {
                Violation violation = check(
                        path + "." + argument.getName(), argument.getType(), arguments.get(argument.getName()), limits);
                if (violation != null) {
                    return violation;
                }
            }
        }
        return null;
    }

    /** The first part of {@code value}, of input type {@code type}, out of bounds, or null. */
    public static Violation check(String path, GraphQLInputType type, Object value, Limits limits) {
        if (value == null) {
            return null;
        }
        GraphQLType unwrapped = type instanceof GraphQLNonNull nonNull ? nonNull.getWrappedType() : type;
        if (unwrapped instanceof GraphQLList list) {
            return checkList(path, (GraphQLInputType) list.getWrappedType(), value, limits);
        }
        if (unwrapped instanceof GraphQLInputObjectType object && value instanceof Map<?, ?> fields) {
            for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
                Violation violation =
                        check(path + "." + field.getName(), field.getType(), fields.get(field.getName()), limits);
                if (violation != null) {
                    return violation;
                }
            }
            return null;
        }
        if (unwrapped instanceof GraphQLScalarType scalar) {
            return checkScalar(path, scalar.getName(), value, limits);
        }
        return null;
    }

    private static Violation checkList(String path, GraphQLInputType itemType, Object value, Limits limits) {
        if (!(value instanceof Collection<?> items)) {
            return check(path, itemType, value, limits); // a single value given for a list (input coercion)
        }
        if (items.size() > limits.maxListSize()) {
            return new Violation(path, "must have at most " + limits.maxListSize() + " items, got " + items.size());
        }
        Iterator<?> it = items.iterator();
        for (int i = 0; it.hasNext(); i++) {
            Violation violation = check(path + "[" + i + "]", itemType, it.next(), limits);
            if (violation != null) {
                return violation;
            }
        }
        return null;
    }

    private static Violation checkScalar(String path, String scalar, Object value, Limits limits) {
        if (DECIMAL.equals(scalar)) {
            if (value instanceof String text) {
                try {
                    decimal(text);
                } catch (InvalidDecimalException e) {
                    return new Violation(path, e.getMessage());
                }
            } else if (value instanceof BigDecimal decimal) {
                if (!withinBounds(decimal)) {
                    return new Violation(path, decimalRule(decimal.toString()));
                }
            } else {
                // a JSON number or a GraphQL Int/Float literal: binary floating point is never money
                return new Violation(path, "must be given as a string, such as \"12.50\", not a number");
            }
            return null;
        }
        if (("String".equals(scalar) || "ID".equals(scalar))
                && value instanceof String text
                && text.length() > limits.maxStringLength()) {
            return new Violation(
                    path, "must be at most " + limits.maxStringLength() + " characters, got " + text.length());
        }
        return null;
    }

    private static String quoted(String text) {
        return '"' + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + '"';
    }
}
