package com.stack.aicfo.analyst.app.ports;

import com.stack.aicfo.facts.domain.SummaryFacts;
import reactor.core.publisher.Mono;

/**
 * Writes a summary's markdown from its facts (the port; a deterministic local analyst and an OpenAI-compatible
 * chat-completions model are the adapters). An analyst may be wrong: what it writes is checked against the facts
 * before it is stored, never trusted.
 */
public interface Analyst {

    /** A short name for metrics and logs: {@code local}, {@code openai}. */
    String name();

    /** The summary's markdown. {@code attempt} counts from 1 (a model may be told its earlier answer was refused). */
    Mono<String> write(SummaryFacts facts, int attempt);
}
