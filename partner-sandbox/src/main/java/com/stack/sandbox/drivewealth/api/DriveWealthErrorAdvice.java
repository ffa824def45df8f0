package com.stack.sandbox.drivewealth.api;

import java.util.List;

import com.stack.sandbox.drivewealth.domain.DriveWealthError;
import com.stack.sandbox.drivewealth.domain.DriveWealthException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

/** Every refusal of the DriveWealth emulation in DriveWealth's error format. */
@RestControllerAdvice(
        assignableTypes = {
            DriveWealthAuthController.class,
            DriveWealthAccountsController.class,
            FundingController.class,
            OrdersController.class
        })
public class DriveWealthErrorAdvice {

    @ExceptionHandler(DriveWealthException.class)
    public ResponseEntity<DriveWealthError> refused(DriveWealthException e) {
        return ResponseEntity.status(e.httpStatus())
                .contentType(MediaType.APPLICATION_JSON)
                .body(e.body());
    }

    /** A missing body, a body that is not JSON, or a field of the wrong type (an amount that is no number). */
    @ExceptionHandler(ServerWebInputException.class)
    public ResponseEntity<DriveWealthError> unreadable(ServerWebInputException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new DriveWealthError(
                        DriveWealthException.INVALID_REQUEST,
                        "The request body is not a valid JSON object of this request",
                        List.of(new DriveWealthError.FieldError("body", String.valueOf(e.getReason())))));
    }

    @ExceptionHandler(UnsupportedMediaTypeStatusException.class)
    public ResponseEntity<DriveWealthError> notJson(UnsupportedMediaTypeStatusException e) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new DriveWealthError(
                        DriveWealthException.INVALID_REQUEST, "Send Content-Type: application/json", null));
    }
}
