package com.stack.defaults.graphql;

import com.stack.defaults.errors.GraphQlErrorMapping;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.graphql.autoconfigure.GraphQlAutoConfiguration;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.graphql.data.federation.FederationSchemaFactory;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * Makes the service an Apollo Federation v2 subgraph: its schema files (with {@code @link} and
 * {@code @key}) are built by federation-jvm, {@code _service} and {@code _entities} are served, and
 * {@code @EntityMapping} methods resolve entity representations sent by the gateway.
 */
@AutoConfiguration(before = GraphQlAutoConfiguration.class)
public class FederatedSubgraphConfiguration {

    @Bean
    FederationSchemaFactory federationSchemaFactory() {
        return new FederationSchemaFactory();
    }

    @Bean
    GraphQlSourceBuilderCustomizer federationSchemaCustomizer(FederationSchemaFactory factory) {
        return builder -> builder.schemaFactory(factory::createGraphQLSchema);
    }

    @Bean
    RuntimeWiringConfigurer stackScalars() {
        return wiring -> wiring.scalar(StackScalars.DECIMAL).scalar(StackScalars.DATE_TIME);
    }

    @Bean
    GraphQlErrorMapping graphQlErrorMapping() {
        return new GraphQlErrorMapping();
    }
}
