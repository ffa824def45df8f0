package com.stack.sandbox.faults.api;

import java.util.List;
import java.util.Map;

import com.stack.sandbox.faults.app.Faults;
import com.stack.sandbox.faults.domain.Fault;
import com.stack.sandbox.faults.domain.FaultSpec;
import com.stack.sandbox.faults.domain.InvalidFaultException;
import com.stack.sandbox.partners.ControlError;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;

/** The control API of fault injection: add, list, remove and clear faults on the partners' APIs. */
@RestController
@RequestMapping(path = "/sandbox/faults", produces = MediaType.APPLICATION_JSON_VALUE)
public class FaultsController {

    private final Faults faults;

    public FaultsController(Faults faults) {
        this.faults = faults;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Fault.View> add(@RequestBody FaultSpec spec) {
        return ResponseEntity.status(HttpStatus.CREATED).body(faults.add(spec).view());
    }

    @GetMapping
    public Map<String, List<Fault.View>> active() {
        return Map.of("faults", faults.active().stream().map(Fault::view).toList());
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<?> remove(@PathVariable String id) {
        return faults.remove(id)
                ? ResponseEntity.noContent().build()
                : ResponseEntity.status(HttpStatus.NOT_FOUND).body(ControlError.notFound("No active fault " + id));
    }

    @DeleteMapping
    public ResponseEntity<Void> clear() {
        faults.clear();
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(InvalidFaultException.class)
    public ResponseEntity<ControlError> invalid(InvalidFaultException e) {
        return ResponseEntity.badRequest().body(ControlError.invalid(e.field(), e.getMessage()));
    }

    @ExceptionHandler(ServerWebInputException.class)
    public ResponseEntity<ControlError> unreadable(ServerWebInputException e) {
        return ResponseEntity.badRequest()
                .body(ControlError.invalid(null, "the body must be a JSON object describing a fault"));
    }
}
