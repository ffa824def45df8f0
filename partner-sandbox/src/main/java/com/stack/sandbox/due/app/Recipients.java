package com.stack.sandbox.due.app;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.stack.sandbox.due.config.DueSandboxProperties;
import com.stack.sandbox.due.domain.Recipient;
import com.stack.sandbox.partners.SandboxIds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/** The bank accounts Due pays out to, in memory; the firm's account exists from startup. */
@Service
public class Recipients {

    private final Map<String, Recipient> recipients = new ConcurrentHashMap<>();
    private final Clock clock;

    @Autowired
    public Recipients(DueSandboxProperties properties) {
        this(properties, Clock.systemUTC());
    }

    Recipients(DueSandboxProperties properties, Clock clock) {
        this.clock = clock;
        DueSandboxProperties.DefaultRecipient firm = properties.defaultRecipient();
        add(
                firm.id(),
                firm.name(),
                new Recipient.BankDetails(Recipient.BankDetails.BANK_US, firm.accountNumber(), firm.routingNumber()));
    }

    public Recipient create(String name, Recipient.BankDetails details) {
        return add(SandboxIds.prefixed("rcp_"), name, details);
    }

    public Optional<Recipient> recipient(String id) {
        return Optional.ofNullable(recipients.get(id));
    }

    private Recipient add(String id, String name, Recipient.BankDetails details) {
        Recipient recipient = new Recipient(id, name, details, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        recipients.put(id, recipient);
        return recipient;
    }
}
