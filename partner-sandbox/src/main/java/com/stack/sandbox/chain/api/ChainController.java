package com.stack.sandbox.chain.api;

import java.util.List;
import java.util.Map;

import com.stack.sandbox.chain.app.SimulatedChain;
import com.stack.sandbox.chain.domain.ChainException;
import com.stack.sandbox.chain.domain.TransferRequest;
import com.stack.sandbox.circle.notifications.domain.InboundTransaction;
import com.stack.sandbox.circle.notifications.domain.NotificationDelivery;
import com.stack.sandbox.partners.ControlError;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;

/**
 * The control API of the simulated chain (no partner has it): send USDC to a wallet of the sandbox's
 * Circle, which notifies the subscribers, and see every delivery of those notifications.
 */
@RestController
@RequestMapping(path = "/sandbox/chain/transfers", produces = MediaType.APPLICATION_JSON_VALUE)
public class ChainController {

    private final SimulatedChain chain;

    public ChainController(SimulatedChain chain) {
        this.chain = chain;
    }

    /** The answer to a transfer: its Circle transaction id and what was sent where. */
    public record Transfer(String id, String txHash, String walletId, String blockchain, String amount) {

        static Transfer of(InboundTransaction transaction) {
            return new Transfer(
                    transaction.id(),
                    transaction.txHash(),
                    transaction.walletId(),
                    transaction.blockchain(),
                    transaction.amount());
        }
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Transfer> transfer(@RequestBody TransferRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(Transfer.of(chain.transfer(request)));
    }

    @GetMapping("/{id}/deliveries")
    public Map<String, List<NotificationDelivery>> deliveries(@PathVariable String id) {
        return Map.of("deliveries", chain.deliveries(id));
    }

    @ExceptionHandler(ChainException.class)
    public ResponseEntity<ControlError> refused(ChainException e) {
        return ResponseEntity.status(e.httpStatus()).body(e.body());
    }

    @ExceptionHandler(ServerWebInputException.class)
    public ResponseEntity<ControlError> unreadable(ServerWebInputException e) {
        return ResponseEntity.badRequest()
                .body(
                        ControlError.invalid(
                                null,
                                "the body must be {\"address\": \"...\", \"amount\": \"125.000000\", \"txHash\": optional, \"states\": optional}"));
    }
}
