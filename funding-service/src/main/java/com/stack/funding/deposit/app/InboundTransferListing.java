package com.stack.funding.deposit.app;

import java.time.Instant;

import com.stack.funding.deposit.domain.OnChainTransfer;
import com.stack.funding.inbox.app.PartnerInbox;
import reactor.core.publisher.Flux;

/**
 * The custody partner's own list of the transfers that came into the custody wallets: what its notifications
 * should have told, read back so that a notification it gave up on (the webhook endpoint down past its retries)
 * cannot lose a deposit.
 */
public interface InboundTransferListing {

    /** The partner whose notifications the listed transfers stand in for (the inbox's partner). */
    String partner();

    /**
     * Every inbound transaction the partner created within {@code from} and {@code to} (both inclusive), each as
     * the inbox would store a notification of it in its current state; fails with a partner call exception when
     * the partner cannot be asked now.
     */
    Flux<Listed> inbound(Instant from, Instant to);

    /**
     * One listed transaction.
     *
     * @param notification what the inbox stores for it: an event id of the transaction and its state (the same
     *                     on every listing), its notification type, a payload its inbox handler reads
     * @param transfer     the transfer read from it; null when no deposit can come from it as it is (no hash yet,
     *                     a chain not supported, malformed)
     * @param pending      not final yet at the partner (it may still confirm, or fail)
     * @param createdAt    when the partner created it
     */
    record Listed(
            PartnerInbox.Notification notification, OnChainTransfer transfer, boolean pending, Instant createdAt) {}
}
