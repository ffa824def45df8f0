package com.stack.sandbox.google.api;

import java.util.Map;

import com.stack.sandbox.google.app.FcmMessages;
import com.stack.sandbox.google.domain.FcmError;
import com.stack.sandbox.google.domain.FcmException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

/**
 * Firebase Cloud Messaging's HTTP v1 API ({@code https://fcm.googleapis.com}), its send call. The bearer access
 * token is checked before (see {@code GoogleSandboxConfiguration}).
 */
@RestController
@RequestMapping(path = FcmController.BASE_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
public class FcmController {

    public static final String BASE_PATH = "/fcm";

    private final FcmMessages messages;

    public FcmController(FcmMessages messages) {
        this.messages = messages;
    }

    public record Sent(String name) {}

    @PostMapping(path = "/v1/projects/{projectId}/messages:send", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Sent send(@PathVariable String projectId, @RequestBody(required = false) Map<String, Object> request) {
        return new Sent(messages.send(projectId, request));
    }

    @ExceptionHandler(FcmException.class)
    public ResponseEntity<FcmError> refused(FcmException e) {
        return ResponseEntity.status(e.httpStatus())
                .contentType(MediaType.APPLICATION_JSON)
                .body(e.body());
    }

    /** A body that is not a JSON object. */
    @ExceptionHandler({ServerWebInputException.class, UnsupportedMediaTypeStatusException.class})
    public ResponseEntity<FcmError> unreadable(Exception e) {
        return refused(FcmException.invalidArgument("Invalid JSON payload received."));
    }
}
