package com.stack.funding.app;

import com.stack.funding.domain.InboxOutcome;
import reactor.core.publisher.Mono;

/** Applies one partner's notifications of one type, as the {@link PartnerInboxProcessor} hands them over. */
public interface InboxHandler {

    String partner();

    String type();

    /**
     * Applies the notification, inside the transaction that marks it processed: its database effects
     * and outbox events commit with that mark or not at all. Completes with how it ended (a refusal
     * for good is a {@code failed} outcome, not an error); an error means "try again later".
     */
    Mono<InboxOutcome> handle(PartnerInbox.Message message);
}
