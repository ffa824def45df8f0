package com.stack.sandbox.due.api;

import java.util.List;
import java.util.Map;

import com.stack.sandbox.due.app.WebhookEndpoints;
import com.stack.sandbox.due.domain.DueException;
import com.stack.sandbox.due.domain.WebhookEndpoint;
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

/** Due's webhook endpoints under {@value DueApi#BASE_PATH}, each with the public key its webhooks are signed with. */
@RestController
@RequestMapping(path = DueApi.BASE_PATH + "/v1/webhook_endpoints", produces = MediaType.APPLICATION_JSON_VALUE)
public class DueWebhookEndpointsController {

    private final WebhookEndpoints endpoints;

    public DueWebhookEndpointsController(WebhookEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<WebhookEndpoint>> create(@RequestBody WebhookEndpointRequest request) {
        return Mono.defer(() -> endpoints.register(request.validatedUrl(), request.validatedEvents()))
                .map(endpoint -> ResponseEntity.status(HttpStatus.CREATED).body(endpoint));
    }

    @GetMapping
    public Map<String, List<WebhookEndpoint>> all() {
        return Map.of("data", endpoints.all());
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> remove(@PathVariable String id) {
        if (endpoints.remove(id).isEmpty()) {
            throw DueException.notFound("No webhook endpoint " + id);
        }
        return ResponseEntity.noContent().build();
    }
}
