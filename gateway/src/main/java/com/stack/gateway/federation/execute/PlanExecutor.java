package com.stack.gateway.federation.execute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.stack.gateway.federation.compose.Supergraph;
import com.stack.gateway.federation.plan.FetchNode;
import com.stack.gateway.federation.plan.QueryPlan;
import com.stack.gateway.federation.plan.Selection;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs a {@link QueryPlan} level by level. Level 0 is the root fetches (concurrently for a query, in
 * order for a mutation). Each further level gathers the entities the previous level returned and
 * sends every subgraph one request with one batched {@code _entities} field per entity fetch, all
 * subgraphs concurrently. Nothing blocks: merging happens after each level's responses arrive.
 */
public class PlanExecutor {

    private final SubgraphClient client;

    public PlanExecutor(SubgraphClient client) {
        this.client = client;
    }

    /** @param variables the client's variables, as sent: each fetch gets those it references */
    public Mono<FetchedData> execute(
            Supergraph supergraph, QueryPlan plan, Map<String, Object> variables, String authorization) {
        FetchedData fetched = new FetchedData();
        Target root = new Target(fetched.data(), List.of());
        List<Pending> roots = plan.roots().stream()
                .map(node -> new Pending(node, List.of(root)))
                .toList();
        Flux<Pending> rootFetches = Flux.fromIterable(roots);
        Mono<List<Pending>> level0 = plan.operation() == graphql.language.OperationDefinition.Operation.MUTATION
                ? rootFetches
                        .concatMap(p -> fetchRoot(supergraph, plan, p, variables, authorization, fetched)
                                .thenReturn(p))
                        .collectList()
                : rootFetches
                        .flatMap(p -> fetchRoot(supergraph, plan, p, variables, authorization, fetched)
                                .thenReturn(p))
                        .collectList();
        return level0.expand(done -> {
                    List<Pending> next = nextLevel(done);
                    return next.isEmpty()
                            ? Mono.empty()
                            : fetchEntities(supergraph, plan, next, variables, authorization, fetched);
                })
                .then(Mono.just(fetched));
    }

    private Mono<Void> fetchRoot(
            Supergraph supergraph,
            QueryPlan plan,
            Pending pending,
            Map<String, Object> variables,
            String authorization,
            FetchedData fetched) {
        FetchNode node = pending.node();
        String query = plan.keyword() + plan.declarations(node) + " " + node.printSelections();
        return client.execute(
                        node.subgraph(),
                        supergraph.subgraphUrls().get(node.subgraph()),
                        query,
                        plan.variablesOf(node, variables),
                        authorization)
                .doOnNext(response -> {
                    Object data = response.get("data");
                    if (data instanceof Map<?, ?> map) {
                        fetched.merge(fetched.data(), cast(map));
                    }
                    errorsOf(response).forEach(error -> {
                        List<Object> path = pathOf(error);
                        if (path.isEmpty()) {
                            rootSelections(node).forEach(key -> fetched.addError(error, List.of(key), node.subgraph()));
                        } else {
                            fetched.addError(error, path, node.subgraph());
                        }
                    });
                })
                .onErrorResume(SubgraphClient.SubgraphUnavailableException.class, e -> {
                    rootSelections(node).forEach(key -> fetched.addUnavailable(e, List.of(key)));
                    return Mono.empty();
                })
                .then();
    }

    /** One request per subgraph for this level, all subgraphs at once; resolves to the fetches it ran. */
    private Mono<List<Pending>> fetchEntities(
            Supergraph supergraph,
            QueryPlan plan,
            List<Pending> level,
            Map<String, Object> variables,
            String authorization,
            FetchedData fetched) {
        Map<String, List<Pending>> bySubgraph = new LinkedHashMap<>();
        level.forEach(p -> bySubgraph
                .computeIfAbsent(p.node().subgraph(), s -> new ArrayList<>())
                .add(p));
        return Flux.fromIterable(bySubgraph.entrySet())
                .flatMap(group -> fetchEntityGroup(
                                supergraph, plan, group.getKey(), group.getValue(), variables, authorization, fetched)
                        .thenReturn(group.getValue()))
                .collectList()
                // merging is done; hand back every fetch of this level so the next one can be planned
                .map(groups -> level);
    }

    private Mono<Void> fetchEntityGroup(
            Supergraph supergraph,
            QueryPlan plan,
            String subgraph,
            List<Pending> pendings,
            Map<String, Object> clientVariables,
            String authorization,
            FetchedData fetched) {
        // the representations' variables are named so that they cannot collide with the client's
        String prefix = "r";
        while (startsAnyOf(prefix, plan.variableDefinitions().keySet())) {
            prefix = "_" + prefix;
        }
        StringBuilder representationsDeclaration = new StringBuilder();
        StringBuilder fields = new StringBuilder();
        Set<String> used = new LinkedHashSet<>();
        Map<String, Object> representations = new LinkedHashMap<>();
        List<EntityBatch> batches = new ArrayList<>();
        for (int i = 0; i < pendings.size(); i++) {
            Pending pending = pendings.get(i);
            EntityBatch batch = EntityBatch.of(pending);
            batches.add(batch);
            used.addAll(pending.node().variables());
            representationsDeclaration
                    .append(i == 0 ? "" : ", ")
                    .append('$')
                    .append(prefix)
                    .append(i)
                    .append(": [_Any!]!");
            fields.append(" e")
                    .append(i)
                    .append(": _entities(representations: $")
                    .append(prefix)
                    .append(i)
                    .append(") { ... on ")
                    .append(pending.node().typeName())
                    .append(' ')
                    .append(pending.node().printSelections())
                    .append('}');
            representations.put(prefix + i, batch.representations());
        }
        String query = "query" + plan.declarations(used, representationsDeclaration.toString()) + " {" + fields + " }";
        Map<String, Object> variables = QueryPlan.variablesOf(used, clientVariables);
        variables.putAll(representations);
        return client.execute(subgraph, supergraph.subgraphUrls().get(subgraph), query, variables, authorization)
                .doOnNext(response -> {
                    Map<String, Object> data = response.get("data") instanceof Map<?, ?> map ? cast(map) : Map.of();
                    for (int i = 0; i < batches.size(); i++) {
                        batches.get(i).mergeInto(fetched, data.get("e" + i));
                    }
                    errorsOf(response).forEach(error -> {
                        List<Object> path = pathOf(error);
                        int batch = path.isEmpty() ? -1 : batchIndex(path.get(0));
                        if (batch >= 0
                                && batch < batches.size()
                                && path.size() > 1
                                && path.get(1) instanceof Number index) {
                            batches.get(batch).addError(fetched, error, index.intValue(), path.subList(2, path.size()));
                        } else {
                            batches.forEach(b -> b.addErrorToAll(fetched, error));
                        }
                    });
                })
                .onErrorResume(SubgraphClient.SubgraphUnavailableException.class, e -> {
                    batches.forEach(b -> b.addUnavailableToAll(fetched, e));
                    return Mono.empty();
                })
                .then();
    }

    /** The entity fetches below the fetches just done, each with the objects it must complete. */
    private static List<Pending> nextLevel(List<Pending> done) {
        List<Pending> next = new ArrayList<>();
        for (Pending pending : done) {
            for (FetchNode child : pending.node().children()) {
                List<Target> targets = new ArrayList<>();
                for (Target target : pending.targets()) {
                    collect(target.object(), target.path(), child.path(), 0, targets);
                }
                if (!targets.isEmpty()) {
                    next.add(new Pending(child, targets));
                }
            }
        }
        return next;
    }

    /** Walks {@code path} from an object through nested objects and lists, collecting what it reaches. */
    private static void collect(Object value, List<Object> clientPath, List<String> path, int depth, List<Target> out) {
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                List<Object> itemPath = new ArrayList<>(clientPath);
                itemPath.add(i);
                collect(list.get(i), itemPath, path, depth, out);
            }
        } else if (value instanceof Map<?, ?> map) {
            if (depth == path.size()) {
                out.add(new Target(cast(map), clientPath));
            } else {
                List<Object> below = new ArrayList<>(clientPath);
                below.add(path.get(depth));
                collect(map.get(path.get(depth)), below, path, depth + 1, out);
            }
        }
    }

    private static boolean startsAnyOf(String prefix, Set<String> names) {
        return names.stream().anyMatch(name -> name.startsWith(prefix));
    }

    private static List<String> rootSelections(FetchNode node) {
        return node.selections().stream().map(Selection::responseKey).toList();
    }

    private static int batchIndex(Object alias) {
        String text = String.valueOf(alias);
        if (text.length() < 2 || text.charAt(0) != 'e') {
            return -1;
        }
        try {
            return Integer.parseInt(text.substring(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static List<Map<String, Object>> errorsOf(Map<String, Object> response) {
        if (response.get("errors") instanceof List<?> errors) {
            List<Map<String, Object>> out = new ArrayList<>();
            errors.forEach(e -> {
                if (e instanceof Map<?, ?> map) {
                    out.add(cast(map));
                }
            });
            return out;
        }
        return List.of();
    }

    static List<Object> pathOf(Map<String, Object> error) {
        return error.get("path") instanceof List<?> path ? new ArrayList<>(path) : List.of();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    /** An object in the merged result that a fetch completes, with its path in the client's response. */
    record Target(Map<String, Object> object, List<Object> path) {}

    /** A fetch to run and the objects its results merge into. */
    record Pending(FetchNode node, List<Target> targets) {}
}
