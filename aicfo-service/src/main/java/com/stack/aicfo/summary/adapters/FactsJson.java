package com.stack.aicfo.summary.adapters;

import com.stack.aicfo.facts.domain.SummaryFacts;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A summary's facts as stored beside it ({@code ai_summaries.facts_json}): the {@link SummaryFacts} record as JSON,
 * with its {@code version}; amounts as exact decimals, dates and instants in ISO-8601. Facts of an earlier version
 * read as the current record with what they did not have null (version 1: the portfolio's valuedAt and valuedOn).
 */
public final class FactsJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private FactsJson() {}

    public static String write(SummaryFacts facts) {
        return MAPPER.writeValueAsString(facts);
    }

    public static SummaryFacts read(String json) {
        return MAPPER.readValue(json, SummaryFacts.class);
    }
}
