package com.stack.gateway.federation.compose;

import java.util.List;

/** The subgraphs' schemas do not compose into one supergraph; the message lists every problem found. */
public class CompositionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public CompositionException(List<String> problems) {
        super("The subgraph schemas do not compose:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
