package com.stack.onboarding.featureflag.api.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.defaults.errors.InvalidInputException;
import com.stack.defaults.errors.NotFoundException;
import com.stack.defaults.errors.RetryLaterException;
import com.stack.defaults.features.FeatureFlag;
import com.stack.onboarding.featureflag.app.FeatureFlagAdmin;
import com.stack.onboarding.featureflag.app.FeatureFlagStore.StoredFlag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The feature flags' admin API, for a product person's tools ({@code ./stack flags}) and the system tests: service
 * tokens only ({@code /internal/**}, service defaults' security). A definition is validated by
 * {@link FeatureFlag#define}; a refusal is 400 with the field. A change answers once every service can read it.
 */
@RestController
public class InternalFeatureFlagController {

    private final FeatureFlagAdmin admin;

    public InternalFeatureFlagController(FeatureFlagAdmin admin) {
        this.admin = admin;
    }

    /** A flag's definition as an administrator sends it (its name is in the path). */
    public record FlagDefinition(
            String description, Boolean enabled, Integer percentage, List<String> allowList, List<String> countries) {}

    /** A flag as stored. */
    public record FlagJson(
            String name,
            String description,
            boolean enabled,
            int percentage,
            List<UUID> allowList,
            List<String> countries,
            Instant updatedAt,
            long version) {

        static FlagJson of(StoredFlag stored) {
            FeatureFlag flag = stored.flag();
            return new FlagJson(
                    flag.name(),
                    flag.description(),
                    flag.enabled(),
                    flag.percentage(),
                    flag.allowList().stream().sorted().toList(),
                    flag.countries().stream().sorted().toList(),
                    stored.updatedAt(),
                    stored.version());
        }
    }

    @GetMapping(path = "/internal/feature-flags", produces = MediaType.APPLICATION_JSON_VALUE)
    public Flux<FlagJson> list() {
        return admin.list().map(FlagJson::of);
    }

    @PutMapping(
            path = "/internal/feature-flags/{name}",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<FlagJson> put(@PathVariable String name, @RequestBody FlagDefinition definition) {
        return Mono.fromCallable(() -> FeatureFlag.define(
                        name,
                        definition.description(),
                        definition.enabled(),
                        definition.percentage(),
                        definition.allowList(),
                        definition.countries()))
                .flatMap(admin::put)
                .map(FlagJson::of);
    }

    @DeleteMapping("/internal/feature-flags/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> delete(@PathVariable String name) {
        return admin.delete(name);
    }

    @ExceptionHandler(InvalidInputException.class)
    public ResponseEntity<Map<String, String>> invalid(InvalidInputException e) {
        return ResponseEntity.badRequest()
                .body(Map.of("code", e.code(), "field", e.field(), "message", e.getMessage()));
    }

    @ExceptionHandler(NotFoundException.class)
    public ResponseEntity<Map<String, String>> notFound(NotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("code", e.code(), "message", e.getMessage()));
    }

    /** Stored but not yet distributed (Redis unavailable): 503 with when to repeat the request. */
    @ExceptionHandler(RetryLaterException.class)
    public ResponseEntity<Map<String, String>> retryLater(RetryLaterException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(Map.of("code", e.code(), "message", e.getMessage()));
    }
}
