package com.stack.gateway.federation.execute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the subgraphs returned for one operation: the merged data tree (keyed by the client's
 * response keys) and the errors, already moved to the client's paths. Written only between levels
 * and inside a level's sequential merge, never concurrently.
 */
public final class FetchedData {

    /** Error lists are cut off here: one failing subgraph under a long list must not flood the response. */
    static final int MAX_ERRORS = 100;

    private final Map<String, Object> data = new LinkedHashMap<>();
    private final List<Map<String, Object>> errors = new ArrayList<>();

    public Map<String, Object> data() {
        return data;
    }

    public List<Map<String, Object>> errors() {
        return errors;
    }

    synchronized void merge(Map<String, Object> into, Map<String, Object> from) {
        from.forEach((key, value) -> {
            Object existing = into.get(key);
            if (existing instanceof Map<?, ?> a && value instanceof Map<?, ?> b) {
                merge(PlanExecutor.cast(a), PlanExecutor.cast(b));
            } else if (existing instanceof List<?> a && value instanceof List<?> b && a.size() == b.size()) {
                for (int i = 0; i < a.size(); i++) {
                    if (a.get(i) instanceof Map<?, ?> x && b.get(i) instanceof Map<?, ?> y) {
                        merge(PlanExecutor.cast(x), PlanExecutor.cast(y));
                    }
                }
            } else {
                into.put(key, value);
            }
        });
    }

    synchronized void addError(Map<String, Object> subgraphError, List<Object> path, String subgraph) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (subgraphError.get("extensions") instanceof Map<?, ?> original) {
            original.forEach((k, v) -> extensions.put(String.valueOf(k), v));
        }
        extensions.put("serviceName", subgraph);
        add(String.valueOf(subgraphError.getOrDefault("message", "Subgraph error")), path, extensions);
    }

    synchronized void addUnavailable(SubgraphClient.SubgraphUnavailableException e, List<Object> path) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", "SUBGRAPH_UNAVAILABLE");
        extensions.put("serviceName", e.subgraph());
        add(e.getMessage(), path, extensions);
    }

    private void add(String message, List<Object> path, Map<String, Object> extensions) {
        if (errors.size() >= MAX_ERRORS) {
            return;
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("path", List.copyOf(path));
        error.put("extensions", extensions);
        errors.add(error);
    }
}
