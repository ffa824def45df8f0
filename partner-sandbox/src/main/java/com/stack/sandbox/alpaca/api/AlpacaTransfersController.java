package com.stack.sandbox.alpaca.api;

import java.util.List;

import com.stack.sandbox.alpaca.app.RecipientBanks;
import com.stack.sandbox.alpaca.app.WireTransfers;
import com.stack.sandbox.alpaca.domain.AlpacaException;
import com.stack.sandbox.alpaca.domain.RecipientBank;
import com.stack.sandbox.alpaca.domain.Transfer;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An account's recipient banks and wire transfers under {@value AlpacaApi#BASE_PATH}. Like Alpaca's Broker API
 * there is no GET of one transfer: a client finds it in the list.
 */
@RestController
@RequestMapping(path = AlpacaApi.BASE_PATH + "/v1/accounts/{accountId}", produces = MediaType.APPLICATION_JSON_VALUE)
public class AlpacaTransfersController {

    private final RecipientBanks banks;
    private final WireTransfers transfers;

    public AlpacaTransfersController(RecipientBanks banks, WireTransfers transfers) {
        this.banks = banks;
        this.transfers = transfers;
    }

    /** 200 and the approved bank; 409 when the account has this account number at this bank already. */
    @PostMapping(path = "/recipient_banks", consumes = MediaType.APPLICATION_JSON_VALUE)
    public RecipientBank createBank(@PathVariable String accountId, @RequestBody CreateRecipientBankRequest request) {
        return banks.create(accountId, request.validated());
    }

    @GetMapping("/recipient_banks")
    public List<RecipientBank> banks(@PathVariable String accountId) {
        return banks.banks(accountId);
    }

    /** 200 for a new transfer and for the same Idempotency-Key and body again (the transfer as it is now). */
    @PostMapping(path = "/transfers", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Transfer createTransfer(
            @PathVariable String accountId,
            @RequestHeader(name = AlpacaApi.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @RequestBody CreateTransferRequest request) {
        return transfers
                .create(AlpacaJournalsController.checked(idempotencyKey), request.validated(accountId))
                .value();
    }

    /** Newest first; {@code direction} {@code OUTGOING} or {@code INCOMING}, both when absent. */
    @GetMapping("/transfers")
    public List<Transfer> transfers(@PathVariable String accountId, @RequestParam(required = false) String direction) {
        if (direction != null && !Transfer.OUTGOING.equals(direction) && !Transfer.INCOMING.equals(direction)) {
            throw AlpacaException.unprocessable("direction must be OUTGOING or INCOMING");
        }
        return transfers.transfers(accountId, direction);
    }
}
