package com.stack.sandbox.circle.notifications.api;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.stack.sandbox.circle.notifications.app.NotificationSigningKey;
import com.stack.sandbox.partners.ControlError;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The sandbox's signing oracle for Circle notifications (Circle has none): signs any body with the
 * sandbox's notification key, exactly as a delivery is signed. For tests of a receiver's other checks
 * (an old timestamp beyond the replay window, a notification Circle never sent, a body of another type):
 * the signature itself is then valid. A sandbox-only tool, like everything here.
 */
@RestController
@RequestMapping(path = "/sandbox/circle/notifications", produces = MediaType.APPLICATION_JSON_VALUE)
public class NotificationSigningSandboxController {

    static final int MAX_BODY = 64 * 1024;

    private final NotificationSigningKey key;

    public NotificationSigningSandboxController(NotificationSigningKey key) {
        this.key = key;
    }

    /** {@code 200 {"keyId", "signature"}}: the headers {@code X-Circle-Key-Id} and {@code X-Circle-Signature} for the body. */
    @PostMapping(path = "/sign", consumes = MediaType.ALL_VALUE)
    public Mono<ResponseEntity<?>> sign(@RequestBody(required = false) String body) {
        if (body == null || body.isEmpty() || body.length() > MAX_BODY) {
            return Mono.just(ResponseEntity.badRequest()
                    .body(ControlError.invalid("body", "the body to sign: 1 to " + MAX_BODY + " characters")));
        }
        return key.sign(body.getBytes(StandardCharsets.UTF_8))
                .map(signature -> ResponseEntity.ok(Map.of("keyId", key.id(), "signature", signature)));
    }
}
