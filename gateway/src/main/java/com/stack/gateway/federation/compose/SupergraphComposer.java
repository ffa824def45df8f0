package com.stack.gateway.federation.compose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import graphql.language.AstPrinter;
import graphql.language.BooleanValue;
import graphql.language.Definition;
import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.OperationTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.StringValue;
import graphql.language.UnionTypeDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.errors.SchemaProblem;

/**
 * Composes Apollo Federation v2 subgraph schemas into one supergraph.
 *
 * <p>It implements the part of the composition rules this suite relies on, and refuses anything
 * else with a clear message rather than composing it wrongly: object types merge field by field (a
 * field resolved by several subgraphs must have one type and be {@code @shareable} or part of a
 * {@code @key}); enums, inputs and scalars must agree; every field of an entity must be reachable
 * from every subgraph that returns the entity, through a key that subgraph can provide. Interfaces
 * and unions are not supported yet.
 */
public final class SupergraphComposer {

    private static final Set<String> ROOT_TYPES = Set.of("Query", "Mutation", "Subscription");
    private static final Set<String> FEDERATION_SCALARS = Set.of("FieldSet", "Import", "Policy", "Scope");

    private SupergraphComposer() {}

    public static Supergraph compose(List<SubgraphSchema> subgraphs) {
        Composition composition = new Composition();
        for (SubgraphSchema subgraph : subgraphs) {
            composition.add(subgraph);
        }
        composition.checkShareability();
        composition.checkReachability();
        if (!composition.problems.isEmpty()) {
            throw new CompositionException(composition.problems);
        }
        String sdl = composition.print();
        GraphQLSchema schema;
        try {
            TypeDefinitionRegistry registry = new SchemaParser().parse(sdl);
            List<String> scalars = composition.others.values().stream()
                    .filter(d -> d.kind.equals("scalar"))
                    .map(NamedDefinition::name)
                    .toList();
            schema = new SchemaGenerator().makeExecutableSchema(registry, SupergraphWiring.wiring(scalars));
        } catch (SchemaProblem | InvalidSyntaxException e) {
            throw new CompositionException(List.of("the merged schema is invalid: " + e.getMessage()));
        }
        Map<String, String> urls = new LinkedHashMap<>();
        subgraphs.forEach(s -> urls.put(s.name(), s.url()));
        Map<String, List<String>> resolvers = new LinkedHashMap<>();
        composition.objects.forEach((typeName, type) -> type.fields.forEach(
                (fieldName, field) -> resolvers.put(typeName + "." + fieldName, List.copyOf(field.resolvers))));
        return new Supergraph(schema, sdl, urls, resolvers, composition.keys);
    }

    /** Mutable state of one composition run. */
    private static final class Composition {
        final List<String> problems = new ArrayList<>();
        final Map<String, ObjectType> objects = new LinkedHashMap<>();
        final Map<String, NamedDefinition> others = new LinkedHashMap<>();
        /** type -> subgraph -> key fields */
        final Map<String, Map<String, List<String>>> keys = new LinkedHashMap<>();
        /** type -> subgraphs that define it (and may therefore return it) */
        final Map<String, Set<String>> definers = new LinkedHashMap<>();

        void add(SubgraphSchema subgraph) {
            Document document;
            try {
                document = Parser.parse(subgraph.sdl());
            } catch (InvalidSyntaxException e) {
                problems.add("subgraph '" + subgraph.name() + "' served SDL that does not parse: " + e.getMessage());
                return;
            }
            Map<String, String> rootNames = rootTypeNames(document);
            for (Definition<?> definition : document.getDefinitions()) {
                if (definition instanceof ObjectTypeDefinition object) {
                    String name = rootNames.getOrDefault(object.getName(), object.getName());
                    if (!isFederationInternal(name)) {
                        addObject(subgraph.name(), name, object);
                    }
                } else if (definition instanceof InterfaceTypeDefinition || definition instanceof UnionTypeDefinition) {
                    String name = ((graphql.language.NamedNode<?>) definition).getName();
                    if (!isFederationInternal(name)) {
                        problems.add("subgraph '" + subgraph.name() + "': " + name
                                + ": interfaces and unions are not supported by this gateway yet");
                    }
                } else if (definition instanceof EnumTypeDefinition e && !isFederationInternal(e.getName())) {
                    addOther(subgraph.name(), e.getName(), "enum", enumBody(e));
                } else if (definition instanceof InputObjectTypeDefinition input
                        && !isFederationInternal(input.getName())) {
                    addOther(subgraph.name(), input.getName(), "input", inputBody(input));
                } else if (definition instanceof ScalarTypeDefinition scalar
                        && !isFederationInternal(scalar.getName())) {
                    addOther(subgraph.name(), scalar.getName(), "scalar", "");
                }
            }
        }

        private static Map<String, String> rootTypeNames(Document document) {
            Map<String, String> names = new LinkedHashMap<>();
            for (Definition<?> definition : document.getDefinitions()) {
                if (definition instanceof SchemaDefinition schema) {
                    for (OperationTypeDefinition operation : schema.getOperationTypeDefinitions()) {
                        String root = switch (operation.getName()) {
                            case "query" -> "Query";
                            case "mutation" -> "Mutation";
                            default -> "Subscription";
                        };
                        names.put(operation.getTypeName().getName(), root);
                    }
                }
            }
            return names;
        }

        private void addObject(String subgraph, String name, ObjectTypeDefinition definition) {
            if (others.containsKey(name)) {
                problems.add(name + " is an object type in '" + subgraph + "' but a " + others.get(name).kind
                        + " elsewhere");
                return;
            }
            ObjectType type = objects.computeIfAbsent(name, ObjectType::new);
            definers.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(subgraph);
            boolean typeShareable = hasDirective(definition, "shareable");
            Set<String> keyFields = new LinkedHashSet<>();
            for (Directive key : directives(definition, "key")) {
                List<String> fields = keyFields(key);
                keyFields.addAll(fields);
                boolean resolvable = !(key.getArgument("resolvable") != null
                        && key.getArgument("resolvable").getValue() instanceof BooleanValue b
                        && !b.isValue());
                if (resolvable) {
                    keys.computeIfAbsent(name, n -> new LinkedHashMap<>()).putIfAbsent(subgraph, fields);
                }
            }
            for (FieldDefinition field : definition.getFieldDefinitions()) {
                if (ROOT_TYPES.contains(name) && field.getName().startsWith("_")) {
                    continue; // _service and _entities belong to the subgraph protocol, not to clients
                }
                String fieldType = AstPrinter.printAst(field.getType());
                String arguments = field.getInputValueDefinitions().stream()
                        .map(Composition::printInputValue)
                        .collect(Collectors.joining(", "));
                Field merged = type.fields.get(field.getName());
                if (merged == null) {
                    merged = new Field(field.getName(), fieldType, arguments);
                    type.fields.put(field.getName(), merged);
                } else {
                    if (!merged.type.equals(fieldType)) {
                        problems.add(name + "." + field.getName() + " has type " + merged.type + " in "
                                + merged.definers + " but " + fieldType + " in '" + subgraph + "'");
                    }
                    if (!merged.arguments.equals(arguments)) {
                        problems.add(name + "." + field.getName() + " has arguments (" + merged.arguments + ") in "
                                + merged.definers + " but (" + arguments + ") in '" + subgraph + "'");
                    }
                }
                merged.definers.add(subgraph);
                if (!hasDirective(field, "external")) {
                    merged.resolvers.add(subgraph);
                    if (typeShareable || hasDirective(field, "shareable") || keyFields.contains(field.getName())) {
                        merged.shareableIn.add(subgraph);
                    }
                }
            }
        }

        private void addOther(String subgraph, String name, String kind, String body) {
            if (objects.containsKey(name)) {
                problems.add(name + " is a " + kind + " in '" + subgraph + "' but an object type elsewhere");
                return;
            }
            NamedDefinition existing = others.get(name);
            if (existing == null) {
                others.put(name, new NamedDefinition(name, kind, body, subgraph));
            } else if (!existing.kind.equals(kind)) {
                problems.add(name + " is a " + existing.kind + " in '" + existing.firstSubgraph + "' but a " + kind
                        + " in '" + subgraph + "'");
            } else if (!existing.body.equals(body)) {
                problems.add(kind + " " + name + " differs between '" + existing.firstSubgraph + "' {" + existing.body
                        + "} and '" + subgraph + "' {" + body + "}");
            }
        }

        void checkShareability() {
            objects.forEach((typeName, type) -> type.fields.forEach((fieldName, field) -> {
                if (field.resolvers.size() > 1 && !field.shareableIn.containsAll(field.resolvers)) {
                    problems.add(typeName + "." + fieldName + " is resolved by " + field.resolvers
                            + " but is not @shareable in all of them");
                }
                if (field.resolvers.isEmpty()) {
                    problems.add(typeName + "." + fieldName + " is @external everywhere: no subgraph resolves it");
                }
            }));
        }

        /** Every field of a type must be reachable from each subgraph that can return the type. */
        void checkReachability() {
            objects.forEach((typeName, type) -> {
                if (ROOT_TYPES.contains(typeName)) {
                    return;
                }
                for (String subgraph : definers.getOrDefault(typeName, Set.of())) {
                    type.fields.forEach((fieldName, field) -> {
                        if (field.resolvers.contains(subgraph)) {
                            return;
                        }
                        boolean reachable = field.resolvers.stream().anyMatch(other -> {
                            List<String> key =
                                    keys.getOrDefault(typeName, Map.of()).get(other);
                            return key != null
                                    && key.stream()
                                            .allMatch(k -> type.fields.containsKey(k)
                                                    && type.fields
                                                            .get(k)
                                                            .resolvers
                                                            .contains(subgraph));
                        });
                        if (!reachable) {
                            problems.add(typeName + "." + fieldName + " (resolved by " + field.resolvers
                                    + ") cannot be reached from '" + subgraph + "': no @key of " + typeName
                                    + " in those subgraphs that '" + subgraph + "' can provide");
                        }
                    });
                }
            });
        }

        String print() {
            StringBuilder sdl = new StringBuilder();
            others.values().forEach(other -> {
                switch (other.kind) {
                    case "scalar" -> sdl.append("scalar ").append(other.name).append("\n\n");
                    case "enum" ->
                        sdl.append("enum ")
                                .append(other.name)
                                .append(" {\n  ")
                                .append(other.body.replace(" ", "\n  "))
                                .append("\n}\n\n");
                    default ->
                        sdl.append("input ")
                                .append(other.name)
                                .append(" {\n  ")
                                .append(other.body)
                                .append("\n}\n\n");
                }
            });
            objects.values().forEach(object -> {
                sdl.append("type ").append(object.name).append(" {\n");
                object.fields.values().forEach(field -> {
                    sdl.append("  ").append(field.name);
                    if (!field.arguments.isEmpty()) {
                        sdl.append("(").append(field.arguments).append(")");
                    }
                    sdl.append(": ").append(field.type).append("\n");
                });
                sdl.append("}\n\n");
            });
            return sdl.toString();
        }

        private static String enumBody(EnumTypeDefinition definition) {
            return definition.getEnumValueDefinitions().stream()
                    .map(EnumValueDefinition::getName)
                    .collect(Collectors.joining(" "));
        }

        private static String inputBody(InputObjectTypeDefinition definition) {
            return definition.getInputValueDefinitions().stream()
                    .map(Composition::printInputValue)
                    .collect(Collectors.joining("\n  "));
        }

        private static String printInputValue(InputValueDefinition value) {
            String printed = value.getName() + ": " + AstPrinter.printAst(value.getType());
            if (value.getDefaultValue() != null) {
                printed += " = " + AstPrinter.printAst(value.getDefaultValue());
            }
            return printed;
        }

        private static boolean isFederationInternal(String name) {
            return name.startsWith("_")
                    || name.startsWith("link__")
                    || name.startsWith("federation__")
                    || FEDERATION_SCALARS.contains(name);
        }

        private static boolean hasDirective(DirectivesContainer<?> container, String name) {
            return !directives(container, name).isEmpty();
        }

        /** Directives by federation name, imported ({@code @key}) or namespaced ({@code @federation__key}). */
        private static List<Directive> directives(DirectivesContainer<?> container, String name) {
            return container.getDirectives().stream()
                    .filter(d -> d.getName().equals(name) || d.getName().equals("federation__" + name))
                    .toList();
        }

        private static List<String> keyFields(Directive key) {
            if (key.getArgument("fields") == null
                    || !(key.getArgument("fields").getValue() instanceof StringValue fields)) {
                return List.of();
            }
            String value = fields.getValue().trim();
            if (value.contains("{")) {
                throw new CompositionException(List.of("nested @key field sets are not supported: " + value));
            }
            return Arrays.stream(value.split("[\\s,]+"))
                    .filter(s -> !s.isEmpty())
                    .toList();
        }
    }

    private static final class ObjectType {
        final String name;
        final Map<String, Field> fields = new LinkedHashMap<>();

        ObjectType(String name) {
            this.name = name;
        }
    }

    private static final class Field {
        final String name;
        final String type;
        final String arguments;
        final Set<String> definers = new LinkedHashSet<>();
        final Set<String> resolvers = new LinkedHashSet<>();
        final Set<String> shareableIn = new LinkedHashSet<>();

        Field(String name, String type, String arguments) {
            this.name = name;
            this.type = type;
            this.arguments = arguments;
        }
    }

    private record NamedDefinition(String name, String kind, String body, String firstSubgraph) {
        NamedDefinition {
            Objects.requireNonNull(name);
        }
    }
}
