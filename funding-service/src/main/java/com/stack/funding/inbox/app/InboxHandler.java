package com.stack.funding.inbox.app;

import java.util.function.Function;

import com.stack.funding.inbox.domain.InboxOutcome;
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

    /** The handler of {@code partner}'s notifications of {@code type} that applies each one with {@code handle}. */
    static InboxHandler of(String partner, String type, Function<PartnerInbox.Message, Mono<InboxOutcome>> handle) {
        return new Of(partner, type, handle);
    }

    /** See {@link #of}. */
    record Of(String partner, String type, Function<PartnerInbox.Message, Mono<InboxOutcome>> handler)
            implements InboxHandler {

        @Override
        public Mono<InboxOutcome> handle(PartnerInbox.Message message) {
            return handler.apply(message);
        }
    }
}
