package com.stack.defaults.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import graphql.GraphQLError;
import org.junit.jupiter.api.Test;

class GraphQlErrorMappingTest {

    @Test
    void aRetryLaterErrorCarriesItsCodeAndWholeSecondsToWait() {
        GraphQLError limited = resolve(RetryLaterException.rateLimited("Too many", Duration.ofMillis(90_001)));
        GraphQLError busy = resolve(RetryLaterException.busy("Busy", Duration.ofMillis(10)));

        assertThat(limited.getExtensions())
                .containsEntry("code", "RATE_LIMITED")
                .containsEntry("retryAfter", 91L);
        assertThat(limited.getMessage()).isEqualTo("Too many");
        assertThat(busy.getExtensions()).containsEntry("code", "BUSY").containsEntry("retryAfter", 1L);
    }

    @Test
    void anInvalidInputKeepsItsCodeAndField() {
        assertThat(resolve(new InvalidInputException("passcode", "must be 4 to 6 digits"))
                        .getExtensions())
                .containsEntry("code", "BAD_USER_INPUT")
                .containsEntry("field", "passcode")
                .hasSize(2);
    }

    private static GraphQLError resolve(Throwable ex) {
        List<GraphQLError> errors =
                GraphQlErrorMapping.subscriptions().resolveException(ex).block();
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }
}
