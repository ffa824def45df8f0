package com.stack.investing.basket.adapters;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.stack.investing.basket.domain.BasketWeight;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a basket's {@code composition_json} column: {@code [{"symbol": "VTI", "weight": "0.60"}, ...]}.
 * Weights are stored as JSON strings so they stay exact; a JSON number is read as an exact decimal
 * too, never through a double.
 */
public final class CompositionJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private CompositionJson() {}

    /** @throws IllegalArgumentException when the column does not hold a well-formed composition */
    public static List<BasketWeight> parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("Basket composition is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("Basket composition must be a JSON array");
        }
        List<BasketWeight> weights = new ArrayList<>(root.size());
        for (JsonNode entry : root) {
            JsonNode symbol = entry.get("symbol");
            if (symbol == null || !symbol.isString()) {
                throw new IllegalArgumentException("Basket composition entry without a symbol: " + entry);
            }
            weights.add(new BasketWeight(symbol.stringValue(), weight(entry.get("weight"))));
        }
        return List.copyOf(weights);
    }

    private static BigDecimal weight(JsonNode weight) {
        if (weight != null && weight.isString()) {
            try {
                return new BigDecimal(weight.stringValue().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Basket weight is not a decimal: " + weight.stringValue(), e);
            }
        }
        if (weight != null && weight.isNumber()) {
            return weight.decimalValue();
        }
        throw new IllegalArgumentException("Basket composition entry without a weight");
    }
}
