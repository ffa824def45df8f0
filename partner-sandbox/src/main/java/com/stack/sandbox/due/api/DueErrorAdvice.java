package com.stack.sandbox.due.api;

import com.stack.sandbox.due.domain.DueError;
import com.stack.sandbox.due.domain.DueException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebInputException;

/** Every refusal of the Due emulation in the sandbox's Due error format. */
@RestControllerAdvice(
        assignableTypes = {
            DueTransfersController.class,
            DueRecipientsController.class,
            DueWebhookEndpointsController.class,
            DueVirtualAccountsController.class
        })
public class DueErrorAdvice {

    @ExceptionHandler(DueException.class)
    public ResponseEntity<DueError> refused(DueException e) {
        return ResponseEntity.status(e.httpStatus())
                .contentType(MediaType.APPLICATION_JSON)
                .body(e.body());
    }

    /** A missing body, a body that is not JSON, or a field of the wrong type. */
    @ExceptionHandler(ServerWebInputException.class)
    public ResponseEntity<DueError> unreadable(ServerWebInputException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .contentType(MediaType.APPLICATION_JSON)
                .body(DueError.of("invalid_request", "The body must be a JSON object of this request"));
    }
}
