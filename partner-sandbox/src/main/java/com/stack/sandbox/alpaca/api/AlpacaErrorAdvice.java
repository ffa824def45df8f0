package com.stack.sandbox.alpaca.api;

import com.stack.sandbox.alpaca.domain.AlpacaError;
import com.stack.sandbox.alpaca.domain.AlpacaException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebInputException;

/** Every refusal of the Alpaca emulation in Alpaca's error format. */
@RestControllerAdvice(
        assignableTypes = {
            AlpacaAccountsController.class,
            AlpacaJournalsController.class,
            AlpacaEventsController.class,
            AlpacaOrdersController.class,
            AlpacaMarketDataController.class,
            AlpacaTransfersController.class
        })
public class AlpacaErrorAdvice {

    @ExceptionHandler(AlpacaException.class)
    public ResponseEntity<AlpacaError> refused(AlpacaException e) {
        return ResponseEntity.status(e.httpStatus())
                .contentType(MediaType.APPLICATION_JSON)
                .body(e.body());
    }

    /** A missing body, a body that is not JSON, or a field of the wrong type. */
    @ExceptionHandler(ServerWebInputException.class)
    public ResponseEntity<AlpacaError> unreadable(ServerWebInputException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new AlpacaError(
                        AlpacaException.MALFORMED,
                        "malformed request: the body must be a JSON object of this request"));
    }
}
