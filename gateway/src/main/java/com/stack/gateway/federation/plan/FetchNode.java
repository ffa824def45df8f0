package com.stack.gateway.federation.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One fetch from one subgraph. A root fetch asks for root fields; an entity fetch asks
 * {@code _entities} for fields of the objects found at {@link #path()} below each object its parent
 * fetch filled in, identified by their key fields.
 */
public final class FetchNode {

    /** Alias prefix for key fields and type names the gateway adds to a selection for its own use. */
    public static final String KEY_ALIAS_PREFIX = "_fk_";

    public static final String TYPENAME_ALIAS = KEY_ALIAS_PREFIX + "_typename";

    private final String subgraph;
    private final String typeName;
    private final List<String> path;
    private final List<String> keyFields;
    private final List<Selection> selections = new ArrayList<>();
    private final List<FetchNode> children = new ArrayList<>();
    private final Set<String> variables = new LinkedHashSet<>();

    private FetchNode(String subgraph, String typeName, List<String> path, List<String> keyFields) {
        this.subgraph = subgraph;
        this.typeName = typeName;
        this.path = List.copyOf(path);
        this.keyFields = keyFields;
    }

    static FetchNode root(String subgraph, String operationType) {
        return new FetchNode(subgraph, operationType, List.of(), List.of());
    }

    static FetchNode entity(String subgraph, String typeName, List<String> path, List<String> keyFields) {
        return new FetchNode(subgraph, typeName, path, keyFields);
    }

    public boolean isEntityFetch() {
        return !keyFields.isEmpty();
    }

    public String subgraph() {
        return subgraph;
    }

    public String typeName() {
        return typeName;
    }

    /** Response keys from the parent's objects down to this fetch's entities (lists are walked through). */
    public List<String> path() {
        return path;
    }

    public List<String> keyFields() {
        return keyFields;
    }

    public List<Selection> selections() {
        return selections;
    }

    public List<FetchNode> children() {
        return children;
    }

    /** The operation's variables this fetch's arguments reference, by name. */
    public Set<String> variables() {
        return variables;
    }

    /** The selection set for this fetch, printed: root fields, or the fields of one entity type. */
    public String printSelections() {
        StringBuilder out = new StringBuilder();
        Selection.printSet(selections, out);
        return out.toString();
    }
}
