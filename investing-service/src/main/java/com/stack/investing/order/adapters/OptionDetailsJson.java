package com.stack.investing.order.adapters;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import com.stack.investing.order.domain.OptionContract;
import com.stack.investing.order.domain.OptionType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An option order's {@code option_details_json}: {@code {"underlying": "AAPL", "expiration": "2027-01-15",
 * "strike": "200", "type": "CALL", "contracts": 3}} (the strike a string, so it stays exact).
 */
public final class OptionDetailsJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private OptionDetailsJson() {}

    public static String write(OptionContract option) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("underlying", option.underlying());
        json.put("expiration", option.expiration().toString());
        json.put("strike", option.strike().toPlainString());
        json.put("type", option.type().name());
        json.put("contracts", option.contracts());
        return MAPPER.writeValueAsString(json);
    }

    /** Null for null (an order that is not an option order). */
    public static OptionContract read(String json) {
        if (json == null) {
            return null;
        }
        JsonNode root = MAPPER.readTree(json);
        return new OptionContract(
                root.get("underlying").stringValue(),
                LocalDate.parse(root.get("expiration").stringValue()),
                new BigDecimal(root.get("strike").stringValue()),
                OptionType.valueOf(root.get("type").stringValue()),
                root.get("contracts").intValue());
    }
}
