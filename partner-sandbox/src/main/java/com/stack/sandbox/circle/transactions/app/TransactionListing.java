package com.stack.sandbox.circle.transactions.app;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.stack.sandbox.chain.app.SimulatedChain;
import com.stack.sandbox.circle.notifications.domain.InboundTransaction;
import com.stack.sandbox.circle.notifications.domain.NotificationBody;
import com.stack.sandbox.circle.transactions.domain.Transaction;
import com.stack.sandbox.circle.transactions.domain.TransactionQuery;
import org.springframework.stereotype.Service;

/**
 * The transactions of the developer-controlled wallets as Circle's {@code GET /v1/w3s/transactions}
 * lists them: the transfers the simulated chain brought in ({@code INBOUND}, each in the last state it
 * announced, with {@code updateDate} = {@code createDate}) and the wallets' outbound transfers
 * ({@code OUTBOUND}, as they are now). Filtered by the query (every filter given must match;
 * {@code destinationAddress} in any letter case, {@code from} and {@code to} inclusive on
 * {@code createDate}), newest first ({@code createDate}, then id, both descending), then paged by
 * transaction id: {@code pageAfter} the next older ones, {@code pageBefore} the newer ones just before
 * it (still newest first), neither the first page. An id not in the filtered list gives an empty page.
 */
@Service
public class TransactionListing {

    /** Newest first: by creation, then by id, both descending. */
    static final Comparator<Listed> NEWEST_FIRST =
            Comparator.comparing(Listed::createDate).thenComparing(Listed::id).reversed();

    private final SimulatedChain chain;
    private final OutboundTransactions outbound;

    public TransactionListing(SimulatedChain chain, OutboundTransactions outbound) {
        this.chain = chain;
        this.outbound = outbound;
    }

    /**
     * A transaction with what the query filters and sorts on.
     *
     * @param transaction what the list shows: a {@link NotificationBody.Transaction} or a {@link Transaction}
     */
    record Listed(
            String id,
            Instant createDate,
            String walletId,
            String blockchain,
            String destinationAddress,
            String txHash,
            String state,
            Object transaction) {

        /** The inbound transfer in the last state the chain announced, updated when it was made. */
        static Listed inbound(InboundTransaction transfer) {
            String state = transfer.states().get(transfer.states().size() - 1);
            return new Listed(
                    transfer.id(),
                    transfer.createDate(),
                    transfer.walletId(),
                    transfer.blockchain(),
                    transfer.destinationAddress(),
                    transfer.txHash(),
                    state,
                    NotificationBody.inbound(transfer, state, transfer.createDate()));
        }

        static Listed outbound(Transaction transaction) {
            return new Listed(
                    transaction.id(),
                    Instant.parse(transaction.createDate()),
                    transaction.walletId(),
                    transaction.blockchain(),
                    transaction.destinationAddress(),
                    transaction.txHash(),
                    transaction.state(),
                    transaction);
        }

        boolean matches(TransactionQuery query) {
            return (query.walletIds().isEmpty() || query.walletIds().contains(walletId))
                    && (query.blockchain() == null || query.blockchain().equals(blockchain))
                    && (query.destinationAddress() == null
                            || query.destinationAddress().equalsIgnoreCase(destinationAddress))
                    && (query.txHash() == null || query.txHash().equals(txHash))
                    && (query.state() == null || query.state().equals(state))
                    && (query.from() == null || !createDate.isBefore(query.from()))
                    && (query.to() == null || !createDate.isAfter(query.to()));
        }
    }

    /** The page of transactions the query asks for, newest first; each as Circle shows it. */
    public List<Object> list(TransactionQuery query) {
        Stream<Listed> received = wants(query, TransactionQuery.INBOUND)
                ? chain.transfers().stream().map(Listed::inbound)
                : Stream.empty();
        Stream<Listed> sent = wants(query, TransactionQuery.OUTBOUND)
                ? outbound.transactions(transaction -> true).stream().map(Listed::outbound)
                : Stream.empty();
        List<Listed> found = Stream.concat(received, sent)
                .filter(listed -> listed.matches(query))
                .sorted(NEWEST_FIRST)
                .toList();
        return page(found, query).stream().map(Listed::transaction).toList();
    }

    private static boolean wants(TransactionQuery query, String txType) {
        return query.txType() == null || query.txType().equals(txType);
    }

    /**
     * Up to {@code pageSize} of {@code sorted}: after {@code pageAfter}, just before {@code pageBefore},
     * or from the start; none when the id given is not in {@code sorted}.
     */
    static List<Listed> page(List<Listed> sorted, TransactionQuery query) {
        int size = query.pageSize();
        if (query.pageAfter() != null) {
            int at = indexOf(sorted, query.pageAfter());
            return at < 0 ? List.of() : sorted.subList(at + 1, Math.min(at + 1 + size, sorted.size()));
        }
        if (query.pageBefore() != null) {
            int at = indexOf(sorted, query.pageBefore());
            return at < 0 ? List.of() : sorted.subList(Math.max(0, at - size), at);
        }
        return sorted.subList(0, Math.min(size, sorted.size()));
    }

    private static int indexOf(List<Listed> sorted, String id) {
        for (int i = 0; i < sorted.size(); i++) {
            if (sorted.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
