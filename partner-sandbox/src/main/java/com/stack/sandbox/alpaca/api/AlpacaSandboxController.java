package com.stack.sandbox.alpaca.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.stack.sandbox.alpaca.app.Accounts;
import com.stack.sandbox.alpaca.app.JournalEvents;
import com.stack.sandbox.alpaca.app.Journals;
import com.stack.sandbox.alpaca.app.TransferEvents;
import com.stack.sandbox.alpaca.app.WireTransfers;
import com.stack.sandbox.alpaca.config.AlpacaSandboxProperties;
import com.stack.sandbox.alpaca.domain.Journal;
import com.stack.sandbox.alpaca.domain.JournalEvent;
import com.stack.sandbox.alpaca.domain.Transfer;
import com.stack.sandbox.alpaca.domain.TransferEvent;
import com.stack.sandbox.partners.ControlError;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox's control API for Alpaca (Alpaca has none): reject journals and outgoing wires, set an account's
 * cash, list journals and wire transfers so a test can count what was moved, read the event logs, read Alpaca's
 * incoming wire instructions. No credentials.
 */
@RestController
@RequestMapping(path = "/sandbox/alpaca", produces = MediaType.APPLICATION_JSON_VALUE)
public class AlpacaSandboxController {

    static final int MAX_COUNT = 1000;

    private final Accounts accounts;
    private final Journals journals;
    private final JournalEvents events;
    private final WireTransfers transfers;
    private final TransferEvents fundingEvents;
    private final AlpacaSandboxProperties properties;

    public AlpacaSandboxController(
            Accounts accounts,
            Journals journals,
            JournalEvents events,
            WireTransfers transfers,
            TransferEvents fundingEvents,
            AlpacaSandboxProperties properties) {
        this.accounts = accounts;
        this.journals = journals;
        this.events = events;
        this.transfers = transfers;
        this.fundingEvents = fundingEvents;
        this.properties = properties;
    }

    /** @param count journals to reject, 0 to {@value #MAX_COUNT} (0 clears the flag); 1 when absent */
    public record RejectNextRequest(Integer count) {}

    /** @param cash a decimal string of at least 0 with at most 2 decimals */
    public record CashRequest(String cash) {}

    /** Journals and how many there are, so that a test can assert "moved once". */
    public record JournalListing(int count, List<Journal> journals) {}

    public record EventListing(int count, List<JournalEvent> events) {}

    /** Wire transfers and how many there are, so that a test can assert "wired once". */
    public record TransferListing(int count, List<Transfer> transfers) {}

    public record FundingEventListing(int count, List<TransferEvent> events) {}

    /** Replaces the flag: the next {@code count} journals made end {@code rejected}. */
    @PostMapping(path = "/journals/reject-next", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> rejectNext(@RequestBody(required = false) RejectNextRequest request) {
        int count = request == null || request.count() == null ? 1 : request.count();
        if (count < 0 || count > MAX_COUNT) {
            return ResponseEntity.badRequest().body(ControlError.invalid("count", "count must be 0 to " + MAX_COUNT));
        }
        return ResponseEntity.ok(Map.of("remaining", journals.rejectSwitch().rejectNext(count)));
    }

    /** Replaces the flag: the next {@code count} outgoing wires made end {@code REJECTED}, their cash returned. */
    @PostMapping(path = "/transfers/reject-next", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> rejectNextTransfers(@RequestBody(required = false) RejectNextRequest request) {
        int count = request == null || request.count() == null ? 1 : request.count();
        if (count < 0 || count > MAX_COUNT) {
            return ResponseEntity.badRequest().body(ControlError.invalid("count", "count must be 0 to " + MAX_COUNT));
        }
        return ResponseEntity.ok(Map.of("remaining", transfers.rejectSwitch().rejectNext(count)));
    }

    /** Outgoing wires made from now on from the account end {@code REJECTED}; 404 for an unknown account. */
    @PutMapping("/accounts/{id}/rejecting-transfers")
    public ResponseEntity<?> rejectTransfers(@PathVariable String id) {
        return transfers.rejectSwitch().reject(id)
                ? ResponseEntity.ok(Map.of("account", id, "rejectingTransfers", true))
                : ResponseEntity.status(404).body(ControlError.notFound("no account " + id));
    }

    @DeleteMapping("/accounts/{id}/rejecting-transfers")
    public ResponseEntity<Void> stopRejectingTransfers(@PathVariable String id) {
        transfers.rejectSwitch().stopRejecting(id);
        return ResponseEntity.noContent().build();
    }

    /** Every wire transfer, oldest first, optionally only those of an account, a direction or in a status. */
    @GetMapping("/transfers")
    public TransferListing transfers(
            @RequestParam(required = false) String account,
            @RequestParam(required = false) String direction,
            @RequestParam(required = false) String status) {
        List<Transfer> found = transfers.transfers(transfer -> (account == null || account.equals(transfer.accountId()))
                && (direction == null || direction.equals(transfer.direction()))
                && (status == null || status.equals(transfer.status())));
        return new TransferListing(found.size(), found);
    }

    /** Every transfer status event so far, oldest first, optionally only those of one transfer. */
    @GetMapping("/funding-events")
    public FundingEventListing fundingEvents(@RequestParam(name = "transfer_id", required = false) String transferId) {
        List<TransferEvent> found = fundingEvents.all().stream()
                .filter(event -> transferId == null || transferId.equals(event.transferId()))
                .toList();
        return new FundingEventListing(found.size(), found);
    }

    /** Where another bank wires USD to an Alpaca account: this routing number and bank, the account's number. */
    @GetMapping("/incoming-wire")
    public Map<String, String> incomingWire() {
        return Map.of(
                "routing_number",
                properties.incomingWire().routingNumber(),
                "bank_name",
                properties.incomingWire().bankName());
    }

    /** Journals made from now on to or from the account end {@code rejected}; 404 for an unknown account. */
    @PutMapping("/accounts/{id}/rejecting")
    public ResponseEntity<?> reject(@PathVariable String id) {
        return journals.rejectSwitch().reject(id)
                ? ResponseEntity.ok(Map.of("account", id, "rejecting", true))
                : ResponseEntity.status(404).body(ControlError.notFound("no account " + id));
    }

    @DeleteMapping("/accounts/{id}/rejecting")
    public ResponseEntity<Void> stopRejecting(@PathVariable String id) {
        journals.rejectSwitch().stopRejecting(id);
        return ResponseEntity.noContent().build();
    }

    /** Sets the account's cash, past any journal (to test a withdrawal without a deposit first). */
    @PutMapping(path = "/accounts/{id}/cash", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> cash(@PathVariable String id, @RequestBody CashRequest request) {
        if (request.cash() == null || !request.cash().matches("\\d{1,13}(\\.\\d{1,2})?")) {
            return ResponseEntity.badRequest()
                    .body(ControlError.invalid(
                            "cash", "cash must be a decimal string of at least 0 with at most 2 decimals"));
        }
        return accounts.setCash(id, new BigDecimal(request.cash()))
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(404).body(ControlError.notFound("no account " + id)));
    }

    /** Every journal, oldest first, optionally only those to or from an account, or in a status. */
    @GetMapping("/journals")
    public JournalListing journals(
            @RequestParam(required = false) String account, @RequestParam(required = false) String status) {
        List<Journal> found = journals.journals(journal ->
                (account == null || account.equals(journal.fromAccount()) || account.equals(journal.toAccount()))
                        && (status == null || status.equals(journal.status())));
        return new JournalListing(found.size(), found);
    }

    /** Every journal status event so far, oldest first, optionally only those of one journal. */
    @GetMapping("/events")
    public EventListing events(@RequestParam(name = "journal_id", required = false) String journalId) {
        List<JournalEvent> found = events.all().stream()
                .filter(event -> journalId == null || journalId.equals(event.journalId()))
                .toList();
        return new EventListing(found.size(), found);
    }
}
