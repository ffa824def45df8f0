package com.stack.defaults.graphql;

import com.stack.contracts.input.InputBounds;
import com.stack.defaults.errors.GraphQlErrorMapping;
import com.stack.defaults.errors.RequestTooLargeHandler;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.fieldvalidation.FieldValidationInstrumentation;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.graphql.autoconfigure.GraphQlAutoConfiguration;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.graphql.data.federation.FederationSchemaFactory;
import org.springframework.graphql.execution.ClassNameTypeResolver;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.graphql.execution.SubscriptionExceptionResolver;

/**
 * Makes the service an Apollo Federation v2 subgraph: its schema files (with {@code @link} and
 * {@code @key}) are built by federation-jvm, {@code _service} and {@code _entities} are served, and
 * {@code @EntityMapping} methods resolve entity representations sent by the gateway.
 */
@AutoConfiguration(before = GraphQlAutoConfiguration.class)
public class FederatedSubgraphConfiguration {

    @Bean
    FederationSchemaFactory federationSchemaFactory() {
        FederationSchemaFactory factory = new FederationSchemaFactory();
        // _entities results are typed by class name; a UserReference is a User
        ClassNameTypeResolver types = new ClassNameTypeResolver();
        types.addMapping(UserReference.class, "User");
        factory.setTypeResolver(types);
        return factory;
    }

    @Bean
    GraphQlSourceBuilderCustomizer federationSchemaCustomizer(FederationSchemaFactory factory) {
        return builder -> builder.schemaFactory(factory::createGraphQLSchema);
    }

    @Bean
    RuntimeWiringConfigurer stackScalars() {
        return wiring -> wiring.scalar(StackScalars.DECIMAL).scalar(StackScalars.DATE_TIME);
    }

    /**
     * Every argument within {@link InputBounds} ({@code stack.graphql.input.max-string-length},
     * {@code max-list-size}; the gateway's defaults), checked before any field runs.
     */
    @Bean
    Instrumentation inputBoundsInstrumentation(Environment environment) {
        InputBounds.Limits defaults = InputBounds.Limits.DEFAULT;
        return new FieldValidationInstrumentation(new InputBoundsValidation(new InputBounds.Limits(
                environment.getProperty(
                        "stack.graphql.input.max-string-length", Integer.class, defaults.maxStringLength()),
                environment.getProperty("stack.graphql.input.max-list-size", Integer.class, defaults.maxListSize()))));
    }

    @Bean
    RequestTooLargeHandler requestTooLargeHandler() {
        return new RequestTooLargeHandler();
    }

    @Bean
    GraphQlErrorMapping graphQlErrorMapping() {
        return new GraphQlErrorMapping();
    }

    @Bean
    SubscriptionExceptionResolver graphQlSubscriptionErrorMapping() {
        return GraphQlErrorMapping.subscriptions();
    }
}
