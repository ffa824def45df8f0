package com.stack.sandbox.google.api;

import java.util.List;
import java.util.Map;

import com.stack.sandbox.google.app.FcmMessages;
import com.stack.sandbox.google.app.GoogleSandboxProperties;
import com.stack.sandbox.google.app.ServiceAccount;
import com.stack.sandbox.google.app.TokenEndpointLocation;
import com.stack.sandbox.google.domain.ReceivedMessage;
import com.stack.sandbox.partners.ControlError;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox's control API for Google (which has none): the service account's key file for local runs, device
 * tokens made unregistered, and the messages FCM received.
 */
@RestController
@RequestMapping(path = "/sandbox", produces = MediaType.APPLICATION_JSON_VALUE)
public class GoogleSandboxController {

    private final ServiceAccount account;
    private final TokenEndpointLocation tokenEndpoint;
    private final GoogleSandboxProperties properties;
    private final FcmMessages messages;

    public GoogleSandboxController(
            ServiceAccount account,
            TokenEndpointLocation tokenEndpoint,
            GoogleSandboxProperties properties,
            FcmMessages messages) {
        this.account = account;
        this.tokenEndpoint = tokenEndpoint;
        this.properties = properties;
        this.messages = messages;
    }

    /** The service account's JSON key file, with this sandbox's token URI and project: what a service is configured with. */
    @GetMapping("/google-oauth/service-account")
    public Map<String, Object> serviceAccount() {
        return account.keyFile(tokenEndpoint.uri(), properties.projectId());
    }

    public record TokenRequest(String token) {}

    /** From now on, sends to the token answer 404 UNREGISTERED (the app was uninstalled). */
    @PostMapping("/fcm/unregistered-tokens")
    public ResponseEntity<?> unregister(@RequestBody(required = false) TokenRequest request) {
        if (request == null || request.token() == null || request.token().isBlank()) {
            return ResponseEntity.badRequest().body(ControlError.invalid("token", "token is required"));
        }
        messages.unregister(request.token());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("token", request.token()));
    }

    @GetMapping("/fcm/unregistered-tokens")
    public Map<String, Object> unregistered() {
        return Map.of("tokens", messages.unregistered());
    }

    /** The token is valid again: 204, or 404 when it was not marked. */
    @DeleteMapping("/fcm/unregistered-tokens")
    public ResponseEntity<?> reregister(@RequestParam String token) {
        return messages.reregister(token)
                ? ResponseEntity.noContent().build()
                : ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .body(ControlError.notFound(token + " is not unregistered"));
    }

    /** Every message FCM accepted (for one device token with {@code token}), oldest first. */
    @GetMapping("/fcm/messages")
    public Map<String, List<ReceivedMessage>> messages(@RequestParam(required = false) String token) {
        return Map.of("messages", messages.received(token));
    }
}
