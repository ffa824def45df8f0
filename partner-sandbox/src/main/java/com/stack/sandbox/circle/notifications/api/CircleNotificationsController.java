package com.stack.sandbox.circle.notifications.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;

import com.stack.sandbox.circle.notifications.app.NotificationSigningKey;
import com.stack.sandbox.circle.notifications.app.Subscriptions;
import com.stack.sandbox.circle.notifications.domain.Subscription;
import com.stack.sandbox.circle.wallets.api.CircleWalletsController;
import com.stack.sandbox.circle.wallets.domain.CircleError;
import com.stack.sandbox.circle.wallets.domain.CircleError.FieldError;
import com.stack.sandbox.circle.wallets.domain.CircleException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Circle's webhook notification API (v2), under the Circle base path: the signing key by id, and
 * subscriptions. The API key is checked before a request gets here ({@code ApiKeyFilter}).
 */
@RestController
@RequestMapping(
        path = CircleWalletsController.BASE_PATH + "/v2/notifications",
        produces = MediaType.APPLICATION_JSON_VALUE)
public class CircleNotificationsController {

    static final int MAX_ENDPOINT_LENGTH = 2048;

    private final NotificationSigningKey key;
    private final Subscriptions subscriptions;

    public CircleNotificationsController(NotificationSigningKey key, Subscriptions subscriptions) {
        this.key = key;
        this.subscriptions = subscriptions;
    }

    /** The body of {@code POST /v2/notifications/subscriptions}; other fields are ignored. */
    public record SubscriptionRequest(String endpoint) {}

    public record PublicKey(String id, String algorithm, String publicKey, String createDate) {}

    @GetMapping("/publicKey/{id}")
    public Map<String, PublicKey> publicKey(@PathVariable String id) {
        if (!key.id().equals(id)) {
            throw notFound("Notification public key not found");
        }
        return Map.of(
                "data",
                new PublicKey(
                        key.id(),
                        NotificationSigningKey.ALGORITHM,
                        key.publicKeyBase64(),
                        key.createDate().toString()));
    }

    /** 201 when the endpoint answers HEAD with 2xx, as Circle checks it before subscribing; 400 otherwise. */
    @PostMapping(path = "/subscriptions", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Map<String, Subscription>>> subscribe(@RequestBody SubscriptionRequest request) {
        return Mono.defer(() -> {
            URI endpoint = endpoint(request.endpoint());
            return subscriptions
                    .subscribe(endpoint)
                    .switchIfEmpty(Mono.error(() -> CircleException.validation(List.of(FieldError.invalid(
                            "endpoint", "The endpoint " + endpoint + " did not answer HEAD with 2xx")))))
                    .map(subscription ->
                            ResponseEntity.status(HttpStatus.CREATED).body(Map.of("data", subscription)));
        });
    }

    @GetMapping("/subscriptions")
    public Map<String, List<Subscription>> subscriptions() {
        return Map.of("data", subscriptions.all());
    }

    @DeleteMapping("/subscriptions/{id}")
    public ResponseEntity<Void> unsubscribe(@PathVariable String id) {
        if (subscriptions.remove(id).isEmpty()) {
            throw notFound("Subscription not found");
        }
        return ResponseEntity.noContent().build();
    }

    private static URI endpoint(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            throw CircleException.validation(List.of(FieldError.required("endpoint")));
        }
        try {
            URI uri = new URI(endpoint.strip());
            if (endpoint.length() <= MAX_ENDPOINT_LENGTH
                    && uri.isAbsolute()
                    && uri.getHost() != null
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // answered below, as any other invalid endpoint
        }
        throw CircleException.validation(
                List.of(FieldError.invalid("endpoint", "endpoint must be an absolute http(s) URL")));
    }

    private static CircleException notFound(String message) {
        return new CircleException(404, new CircleError(CircleException.NOT_FOUND, message));
    }
}
