package com.stack.gateway.federation.execute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.stack.gateway.federation.execute.PlanExecutor.Pending;
import com.stack.gateway.federation.execute.PlanExecutor.Target;
import com.stack.gateway.federation.plan.FetchNode;
import com.stack.gateway.federation.plan.Selection;

/**
 * The representations one entity fetch sends, deduplicated (the same entity reached through several
 * paths is asked for once), and the targets each answer merges into.
 */
final class EntityBatch {

    private final FetchNode node;
    private final List<Map<String, Object>> representations = new ArrayList<>();
    /** representation index -> the targets it completes */
    private final List<List<Target>> targets = new ArrayList<>();

    private EntityBatch(FetchNode node) {
        this.node = node;
    }

    static EntityBatch of(Pending pending) {
        EntityBatch batch = new EntityBatch(pending.node());
        Map<Map<String, Object>, Integer> seen = new LinkedHashMap<>();
        for (Target target : pending.targets()) {
            Map<String, Object> representation = batch.representationOf(target.object());
            if (representation == null) {
                continue; // the parent returned no key: nothing to resolve
            }
            Integer index = seen.get(representation);
            if (index == null) {
                index = batch.representations.size();
                seen.put(representation, index);
                batch.representations.add(representation);
                batch.targets.add(new ArrayList<>());
            }
            batch.targets.get(index).add(target);
        }
        return batch;
    }

    private Map<String, Object> representationOf(Map<String, Object> object) {
        Map<String, Object> representation = new LinkedHashMap<>();
        Object typeName = object.get(FetchNode.TYPENAME_ALIAS);
        representation.put("__typename", typeName != null ? typeName : node.typeName());
        for (String key : node.keyFields()) {
            Object value = object.get(FetchNode.KEY_ALIAS_PREFIX + key);
            if (value == null) {
                return null;
            }
            representation.put(key, value);
        }
        return representation;
    }

    List<Map<String, Object>> representations() {
        return representations;
    }

    void mergeInto(FetchedData fetched, Object answer) {
        if (!(answer instanceof List<?> entities)) {
            return;
        }
        for (int i = 0; i < entities.size() && i < targets.size(); i++) {
            if (entities.get(i) instanceof Map<?, ?> entity) {
                for (Target target : targets.get(i)) {
                    fetched.merge(target.object(), PlanExecutor.cast(entity));
                }
            }
        }
    }

    void addError(FetchedData fetched, Map<String, Object> error, int index, List<Object> rest) {
        if (index < 0 || index >= targets.size()) {
            addErrorToAll(fetched, error);
            return;
        }
        for (Target target : targets.get(index)) {
            List<Object> path = new ArrayList<>(target.path());
            if (rest.isEmpty()) {
                fieldKeys().forEach(key -> fetched.addError(error, append(path, key), node.subgraph()));
            } else {
                path.addAll(rest);
                fetched.addError(error, path, node.subgraph());
            }
        }
    }

    void addErrorToAll(FetchedData fetched, Map<String, Object> error) {
        forEachField(path -> fetched.addError(error, path, node.subgraph()));
    }

    void addUnavailableToAll(FetchedData fetched, SubgraphClient.SubgraphUnavailableException e) {
        forEachField(path -> fetched.addUnavailable(e, path));
    }

    private void forEachField(java.util.function.Consumer<List<Object>> action) {
        for (List<Target> group : targets) {
            for (Target target : group) {
                fieldKeys().forEach(key -> action.accept(append(target.path(), key)));
            }
        }
    }

    /** The client-visible fields this fetch was to fill in (not the gateway's own key aliases). */
    private List<String> fieldKeys() {
        return node.selections().stream()
                .map(Selection::responseKey)
                .filter(key -> !key.startsWith(FetchNode.KEY_ALIAS_PREFIX))
                .toList();
    }

    private static List<Object> append(List<Object> path, Object key) {
        List<Object> out = new ArrayList<>(path);
        out.add(key);
        return out;
    }
}
