package com.stack.gateway.federation.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * One field to ask a subgraph for: response key (alias or name), field name, arguments as the client
 * wrote them (literals and {@code $variable} references, printed from the parsed document), and the
 * sub-selection.
 */
public final class Selection {

    private final String responseKey;
    private final String fieldName;
    private final String arguments;
    private final List<Selection> children = new ArrayList<>();

    public Selection(String responseKey, String fieldName, String arguments) {
        this.responseKey = responseKey;
        this.fieldName = fieldName;
        this.arguments = arguments;
    }

    public String responseKey() {
        return responseKey;
    }

    public List<Selection> children() {
        return children;
    }

    void print(StringBuilder out) {
        if (!responseKey.equals(fieldName)) {
            out.append(responseKey).append(':');
        }
        out.append(fieldName);
        if (!arguments.isEmpty()) {
            out.append('(').append(arguments).append(')');
        }
        if (!children.isEmpty()) {
            printSet(children, out);
        }
    }

    static void printSet(List<Selection> selections, StringBuilder out) {
        out.append('{');
        for (int i = 0; i < selections.size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            selections.get(i).print(out);
        }
        out.append('}');
    }
}
