package com.stack.sandbox.circle.wallets.api;

import java.util.List;

import com.stack.sandbox.circle.notifications.api.CircleNotificationsController;
import com.stack.sandbox.circle.payouts.api.CirclePayoutsController;
import com.stack.sandbox.circle.transactions.api.CircleTransactionsController;
import com.stack.sandbox.circle.transfers.api.CircleTransfersController;
import com.stack.sandbox.circle.wallets.domain.CircleError;
import com.stack.sandbox.circle.wallets.domain.CircleError.FieldError;
import com.stack.sandbox.circle.wallets.domain.CircleException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebInputException;

/** Every refusal of the Circle emulation in Circle's error format. */
@RestControllerAdvice(
        assignableTypes = {
            CircleWalletsController.class,
            CircleNotificationsController.class,
            CirclePayoutsController.class,
            CircleTransfersController.class,
            CircleTransactionsController.class
        })
public class CircleErrorAdvice {

    @ExceptionHandler(CircleException.class)
    public ResponseEntity<CircleError> refused(CircleException e) {
        return ResponseEntity.status(e.httpStatus())
                .contentType(MediaType.APPLICATION_JSON)
                .body(e.body());
    }

    /** A missing body, a body that is not JSON, or a field of the wrong type. */
    @ExceptionHandler(ServerWebInputException.class)
    public ResponseEntity<CircleError> unreadable(ServerWebInputException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new CircleError(
                        CircleException.VALIDATION,
                        "Invalid Entity",
                        List.of(FieldError.invalid(
                                "body", "The request body is not a valid JSON object of this request"))));
    }
}
