package com.stack.funding.graphql.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import com.stack.defaults.live.LiveUpdates;
import com.stack.defaults.security.Caller;
import com.stack.funding.FundingServiceTest;
import com.stack.funding.shared.domain.Chain;
import com.stack.funding.withdrawal.adapters.WithdrawalRepository;
import com.stack.funding.withdrawal.app.WithdrawalAnnouncements;
import com.stack.funding.withdrawal.app.WithdrawalTransitions;
import com.stack.funding.withdrawal.app.Withdrawals;
import com.stack.funding.withdrawal.domain.Withdrawal;
import com.stack.funding.withdrawal.domain.WithdrawalSaga;
import com.stack.funding.withdrawal.domain.WithdrawalStatus;
import com.stack.testsupport.TestSocket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code withdrawalUpdated(id)} against the real PostgreSQL and Redis: the withdrawal as it is first, then every
 * change once and in order (one committed while the subscription starts too), ending after a final status; another
 * user's withdrawal is NOT_FOUND exactly like a missing one, by the subscription and (as null) by the query.
 */
class WithdrawalUpdatesTest extends FundingServiceTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String ETH = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    static final String UPDATED =
            "subscription($id: ID!) { withdrawalUpdated(id: $id) { id status amountUsd address } }";

    @Autowired
    WithdrawalRepository repository;

    @Autowired
    WithdrawalTransitions transitions;

    @Autowired
    WithdrawalAnnouncements announcements;

    @Autowired
    LiveUpdates<Withdrawal> liveUpdates;

    @Autowired
    TransactionalOperator transactions;

    @Autowired
    DatabaseClient db;

    /** A PENDING withdrawal of the user's, announced as initiateWithdrawal announces it. */
    Withdrawal pending(UUID userId) {
        return inTransaction(repository.insert(
                UUID.randomUUID(),
                userId,
                new BigDecimal("25.00"),
                Chain.ETHEREUM,
                ETH,
                "k-" + UUID.randomUUID(),
                "hash"));
    }

    /** A change the saga's transitions do not make yet (the on-ramp and the transfer): moved and announced as they will. */
    Withdrawal moved(Withdrawal current, WithdrawalStatus to) {
        return inTransaction(repository.move(current.id(), current.status(), to, current.version(), null, null));
    }

    Withdrawal inTransaction(Mono<Withdrawal> change) {
        return transactions
                .transactional(change.flatMap(
                        withdrawal -> announcements.statusChanged(withdrawal).thenReturn(withdrawal)))
                .block(TIMEOUT);
    }

    Withdrawal brokerInitiated(Withdrawal current) {
        return transactions
                .transactional(transitions.brokerInitiated(
                        current,
                        (WithdrawalSaga.Move) WithdrawalSaga.brokerAccepted(current),
                        "transfer-" + current.id()))
                .block(TIMEOUT);
    }

    Withdrawal failed(Withdrawal current) {
        return transactions
                .transactional(transitions.failed(
                        current,
                        new WithdrawalSaga.Move(
                                current.status(), WithdrawalStatus.FAILED, "broker withdrawal refused: test")))
                .block(TIMEOUT);
    }

    static Caller caller(UUID userId) {
        return new Caller(userId, "auth0|" + userId, null);
    }

    /** A socket to the service's {@code /graphql} for the subject, acknowledged. */
    TestSocket socketOf(String subject) {
        TestSocket socket = TestSocket.open(
                port,
                "/graphql",
                "Bearer " + ISSUER.token(subject, subject + "@example.com"),
                List.of(TestSocket.SUBPROTOCOL));
        socket.send(Map.of("type", "connection_init"));
        assertThat(socket.next()).containsEntry("type", "connection_ack");
        return socket;
    }

    static void subscribe(TestSocket socket, String id) {
        socket.send(Map.of(
                "id", "1", "type", "subscribe", "payload", Map.of("query", UPDATED, "variables", Map.of("id", id))));
    }

    /** The status of the next message, which must be the subscription's next event. */
    static String nextStatus(TestSocket socket) {
        Map<String, Object> message = socket.next();
        assertThat(message).containsEntry("id", "1").containsEntry("type", "next");
        Map<?, ?> data = (Map<?, ?>) ((Map<?, ?>) message.get("payload")).get("data");
        return (String) ((Map<?, ?>) data.get("withdrawalUpdated")).get("status");
    }

    static void assertCompleted(TestSocket socket) {
        assertThat(socket.next()).containsEntry("id", "1").containsEntry("type", "complete");
    }

    @Test
    void theOwnerSeesWhereTheWithdrawalIsThenEveryChangeOnceInOrderUntilItIsComplete() {
        String subject = newSubject();
        Withdrawal withdrawal = pending(userIdOf(subject));

        try (TestSocket socket = socketOf(subject)) {
            subscribe(socket, withdrawal.id().toString());
            // the current state first; it is sent once the subscription listens, so nothing after it is missed
            assertThat(nextStatus(socket)).isEqualTo("PENDING");

            Withdrawal initiated = brokerInitiated(withdrawal);
            assertThat(nextStatus(socket)).isEqualTo("BROKER_WITHDRAWAL_INITIATED");
            Withdrawal completed = transactions
                    .transactional(transitions.brokerCompleted(
                            initiated,
                            new WithdrawalSaga.Move(
                                    initiated.status(), WithdrawalStatus.BROKER_WITHDRAWAL_COMPLETE, null),
                            "drivewealth"))
                    .block(TIMEOUT);
            assertThat(nextStatus(socket)).isEqualTo("BROKER_WITHDRAWAL_COMPLETE");

            // an update delivered again or overtaken (an older version) is not shown
            liveUpdates.publish(initiated).block(TIMEOUT);
            Withdrawal current = completed;
            for (WithdrawalStatus next : List.of(
                    WithdrawalStatus.ON_RAMP_INITIATED,
                    WithdrawalStatus.ON_RAMP_COMPLETE,
                    WithdrawalStatus.TRANSFER_INITIATED,
                    WithdrawalStatus.COMPLETE)) {
                current = moved(current, next);
                assertThat(nextStatus(socket)).isEqualTo(next.name());
            }
            assertCompleted(socket);
            assertThat(socket.nextWithin(Duration.ofMillis(500))).isNull();
        }
    }

    @Test
    void aFailedWithdrawalEndsTheStreamAndALateSubscriberSeesItFailedAndDone() {
        String subject = newSubject();
        Withdrawal withdrawal = pending(userIdOf(subject));

        try (TestSocket socket = socketOf(subject)) {
            subscribe(socket, withdrawal.id().toString());
            assertThat(nextStatus(socket)).isEqualTo("PENDING");
            failed(withdrawal);
            assertThat(nextStatus(socket)).isEqualTo("FAILED");
            assertCompleted(socket);
        }
        try (TestSocket late = socketOf(subject)) {
            subscribe(late, withdrawal.id().toString());
            assertThat(nextStatus(late)).isEqualTo("FAILED");
            assertCompleted(late);
        }
    }

    @Test
    void anotherUsersWithdrawalIsNotFoundExactlyLikeAMissingOneAndShowsNothing() {
        String owner = newSubject();
        Withdrawal withdrawal = pending(userIdOf(owner));
        String stranger = newSubject();

        Map<String, Object> theirs =
                subscriptionAnswer(stranger, withdrawal.id().toString());
        assertThat(theirs).containsEntry("id", "1").containsEntry("type", "error");
        assertThat(theirs.get("payload"))
                .isEqualTo(List.of(Map.of(
                        "message",
                        "Withdrawal not found",
                        "locations",
                        List.of(),
                        "extensions",
                        Map.of("code", "NOT_FOUND", "classification", "NOT_FOUND"))));
        assertThat(theirs.toString()).doesNotContain(ETH, "25", "PENDING", owner);
        assertThat(subscriptionAnswer(stranger, UUID.randomUUID().toString())).isEqualTo(theirs);
        assertThat(subscriptionAnswer(stranger, "not-a-uuid")).isEqualTo(theirs);

        // the query: null and no error, for another user's withdrawal as for a missing one
        String query = "query($id: ID!) { withdrawal(id: $id) { id status address } }";
        for (String id : List.of(withdrawal.id().toString(), UUID.randomUUID().toString())) {
            as(stranger)
                    .document(query)
                    .variable("id", id)
                    .execute()
                    .errors()
                    .verify()
                    .path("withdrawal")
                    .valueIsNull();
        }
    }

    /** The first answer to the subscription over a fresh socket, which must end the subscription. */
    Map<String, Object> subscriptionAnswer(String subject, String id) {
        try (TestSocket socket = socketOf(subject)) {
            subscribe(socket, id);
            Map<String, Object> answer = socket.next();
            assertThat(socket.nextWithin(Duration.ofMillis(300))).isNull();
            return answer;
        }
    }

    // --- a change while the subscription starts: after it listens, before or while it reads the withdrawal ---

    /** {@link Withdrawals} reading through {@code read}, so a test can make a change around the read. */
    Withdrawals withdrawalsReading(Function<Mono<Withdrawal>, Mono<Withdrawal>> read) {
        return new Withdrawals(
                new WithdrawalRepository(db) {
                    @Override
                    public Mono<Withdrawal> findForUser(UUID userId, UUID id) {
                        return read.apply(super.findForUser(userId, id));
                    }
                },
                liveUpdates);
    }

    /**
     * The statuses {@code updates} sends until it completes, read on the test's thread; once the first {@code seen}
     * are in, {@code failed} makes the final change.
     */
    void expectStatuses(Flux<Withdrawal> updates, int seen, UUID id, WithdrawalStatus... expected) {
        Iterator<Withdrawal> sent = updates.timeout(TIMEOUT).toIterable(1).iterator();
        List<WithdrawalStatus> statuses = new ArrayList<>();
        while (statuses.size() < seen) {
            statuses.add(sent.next().status());
        }
        failed(repository.findById(id).block(TIMEOUT));
        sent.forEachRemaining(withdrawal -> statuses.add(withdrawal.status()));
        assertThat(statuses).containsExactly(expected);
    }

    @Test
    void aChangeCommittedAfterTheSubscriptionListensButBeforeItReadsIsShownOnce() {
        UUID userId = UUID.randomUUID();
        Withdrawal withdrawal = pending(userId);
        Withdrawals watching = withdrawalsReading(read -> Mono.fromCallable(() -> brokerInitiated(withdrawal))
                .subscribeOn(Schedulers.boundedElastic())
                .then(read));

        // the read shows the change, and its live update arrives too: it is sent once
        expectStatuses(
                watching.updates(caller(userId), withdrawal.id()),
                1,
                withdrawal.id(),
                WithdrawalStatus.BROKER_WITHDRAWAL_INITIATED,
                WithdrawalStatus.FAILED);
    }

    @Test
    void aChangeCommittedWhileTheSubscriptionReadsIsShownAfterTheStateItRead() {
        UUID userId = UUID.randomUUID();
        Withdrawal withdrawal = pending(userId);
        Withdrawals watching =
                withdrawalsReading(read -> read.flatMap(before -> Mono.fromCallable(() -> brokerInitiated(before))
                        .subscribeOn(Schedulers.boundedElastic())
                        .thenReturn(before)));

        // the read is older than the change; the change's live update waits behind it and is not lost
        expectStatuses(
                watching.updates(caller(userId), withdrawal.id()),
                2,
                withdrawal.id(),
                WithdrawalStatus.PENDING,
                WithdrawalStatus.BROKER_WITHDRAWAL_INITIATED,
                WithdrawalStatus.FAILED);
    }
}
