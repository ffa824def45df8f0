package com.stack.funding.inbox.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.stack.funding.FundingServiceTest;
import com.stack.funding.inbox.app.PartnerInbox.Notification;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * A batch of partner events (one SQS receive) is stored in one statement: each event id once, whether it
 * was stored before or comes twice in the batch, in the batch's order.
 */
class PartnerInboxStoreTest extends FundingServiceTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String PARTNER = "drivewealth";

    @Autowired
    PartnerInboxRepository inbox;

    @Autowired
    DatabaseClient db;

    @Test
    void aBatchStoresEachEventOnceInItsOrder() {
        String before = "evt-" + UUID.randomUUID();
        String first = "evt-" + UUID.randomUUID();
        String second = "evt-" + UUID.randomUUID();
        assertThat(inbox.store(PARTNER, before, "deposits.updated", "{\"id\":\"" + before + "\"}")
                        .block(TIMEOUT))
                .isTrue();

        var stored = inbox.storeAll(
                        PARTNER,
                        List.of(notification(first), notification(before), notification(second), notification(first)))
                .block(TIMEOUT);

        assertThat(stored).containsExactlyInAnyOrder(first, second);
        assertThat(db.sql(
                                "SELECT event_id FROM partner_inbox WHERE partner = :partner AND event_id IN (:ids) ORDER BY id")
                        .bind("partner", PARTNER)
                        .bind("ids", List.of(before, first, second))
                        .map(row -> row.get("event_id", String.class))
                        .all()
                        .collectList()
                        .block(TIMEOUT))
                .containsExactly(before, first, second);
        assertThat(inbox.store(PARTNER, second, "deposits.updated", "{}").block(TIMEOUT))
                .isFalse();
        assertThat(inbox.storeAll(PARTNER, List.of()).block(TIMEOUT)).isEmpty();
    }

    private static Notification notification(String eventId) {
        return new Notification(eventId, "deposits.updated", "{\"id\":\"" + eventId + "\"}");
    }
}
