package com.stack.defaults.graphql;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import com.stack.contracts.input.InputBounds;
import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;

/**
 * The two custom scalars of the mobile contract. Both travel as strings, so no client ever sees a
 * binary floating-point number for money or a zone-less timestamp.
 */
public final class StackScalars {

    private StackScalars() {}

    /** Exact decimal as a string ("12.50", "0.000001"); never a JSON number, never a float. */
    public static final GraphQLScalarType DECIMAL = GraphQLScalarType.newScalar()
            .name("Decimal")
            .description("Exact decimal number, serialized as a string")
            .coercing(new Coercing<BigDecimal, String>() {
                @Override
                public String serialize(Object value, GraphQLContext context, Locale locale) {
                    if (value instanceof BigDecimal decimal) {
                        return decimal.toPlainString();
                    }
                    if (value instanceof String text) {
                        return ownDecimal(text).toPlainString();
                    }
                    throw new CoercingSerializeException("Decimal must be a BigDecimal, got " + typeOf(value));
                }

                @Override
                public BigDecimal parseValue(Object input, GraphQLContext context, Locale locale) {
                    if (input instanceof String text) {
                        return parse(text, CoercingParseValueException::new);
                    }
                    throw new CoercingParseValueException("Decimal must be given as a string, such as \"12.50\"");
                }

                @Override
                public BigDecimal parseLiteral(
                        Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                    if (input instanceof StringValue text) {
                        return parse(text.getValue(), CoercingParseLiteralException::new);
                    }
                    throw new CoercingParseLiteralException("Decimal must be given as a string, such as \"12.50\"");
                }
            })
            .build();

    /** ISO-8601 instant in UTC ("2026-11-22T01:29:43Z"). */
    public static final GraphQLScalarType DATE_TIME = GraphQLScalarType.newScalar()
            .name("DateTime")
            .description("ISO-8601 instant")
            .coercing(new Coercing<Instant, String>() {
                @Override
                public String serialize(Object value, GraphQLContext context, Locale locale) {
                    Instant instant;
                    if (value instanceof Instant i) {
                        instant = i;
                    } else if (value instanceof OffsetDateTime o) {
                        instant = o.toInstant();
                    } else if (value instanceof ZonedDateTime z) {
                        instant = z.toInstant();
                    } else if (value instanceof LocalDateTime l) {
                        // timestamps are stored as timestamptz; a LocalDateTime here is UTC by convention
                        instant = l.toInstant(ZoneOffset.UTC);
                    } else if (value instanceof String text) {
                        instant = parseInstant(text, CoercingSerializeException::new);
                    } else {
                        throw new CoercingSerializeException("DateTime cannot serialize " + typeOf(value));
                    }
                    return instant.toString();
                }

                @Override
                public Instant parseValue(Object input, GraphQLContext context, Locale locale) {
                    if (input instanceof String text) {
                        return parseInstant(text, CoercingParseValueException::new);
                    }
                    throw new CoercingParseValueException("DateTime must be an ISO-8601 string");
                }

                @Override
                public Instant parseLiteral(
                        Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                    if (input instanceof StringValue text) {
                        return parseInstant(text.getValue(), CoercingParseLiteralException::new);
                    }
                    throw new CoercingParseLiteralException("DateTime must be an ISO-8601 string");
                }
            })
            .build();

    /** Client input: plain decimal text within {@link InputBounds}, refused before any arithmetic. */
    private static <E extends RuntimeException> BigDecimal parse(
            String text, java.util.function.Function<String, E> error) {
        try {
            return InputBounds.decimal(text);
        } catch (InputBounds.InvalidDecimalException e) {
            throw error.apply("Decimal " + e.getMessage());
        }
    }

    /** A service's own decimal held as text (never a client's): exact, and never an exponent to expand. */
    private static BigDecimal ownDecimal(String text) {
        try {
            BigDecimal value = new BigDecimal(text);
            if (text.length() > 64 || value.scale() < 0) {
                throw new CoercingSerializeException("Decimal out of range: " + text.length() + " characters");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new CoercingSerializeException("Not a decimal number");
        }
    }

    private static <E extends RuntimeException> Instant parseInstant(
            String text, java.util.function.Function<String, E> error) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw error.apply("Not an ISO-8601 instant: '" + text + "'");
        }
    }

    private static String typeOf(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }
}
