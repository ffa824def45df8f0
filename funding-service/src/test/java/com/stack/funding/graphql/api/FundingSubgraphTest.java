package com.stack.funding.graphql.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import com.stack.funding.FundingServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

class FundingSubgraphTest extends FundingServiceTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    static final String DEPOSITS_OF_USER = """
            query($representations: [_Any!]!, $first: Int, $after: String) {
              _entities(representations: $representations) {
                ... on User {
                  deposits(first: $first, after: $after) {
                    edges { cursor node { id chain txHash amountUsdc status failureReason createdAt updatedAt } }
                    pageInfo { hasNextPage endCursor }
                  }
                }
              }
            }""";

    static final String WITHDRAWALS_OF_USER = """
            query($representations: [_Any!]!, $first: Int, $after: String) {
              _entities(representations: $representations) {
                ... on User {
                  withdrawals(first: $first, after: $after) {
                    edges { cursor node { id amountUsd chain address status txHash failureReason createdAt } }
                    pageInfo { hasNextPage endCursor }
                  }
                }
              }
            }""";

    static final String BALANCE_OF_USER = """
            query($representations: [_Any!]!) {
              _entities(representations: $representations) {
                ... on User { balance { buyingPowerUsd pendingDepositsUsd pendingWithdrawalsUsd updatedAt } }
              }
            }""";

    @Autowired
    DatabaseClient db;

    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    // --- test-only setup: rows the deposit, withdrawal and posting flows will write once they exist ---

    UUID insertDeposit(UUID userId, String chain, String amount, String status, Instant createdAt) {
        UUID id = UUID.randomUUID();
        db.sql(
                        "INSERT INTO deposits (id, user_id, wallet_id, chain, tx_hash, amount_stablecoin, status, created_at, updated_at)"
                                + " VALUES (:id, :user, :wallet, :chain, :tx, :amount, :status, :created, :created)")
                .bind("id", id)
                .bind("user", userId)
                .bind("wallet", UUID.randomUUID())
                .bind("chain", chain)
                .bind("tx", "0x" + id.toString().replace("-", ""))
                .bind("amount", new BigDecimal(amount))
                .bind("status", status)
                .bind("created", at(createdAt))
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);
        return id;
    }

    UUID insertWithdrawal(
            UUID userId, String amountUsd, String chain, String address, String status, Instant createdAt) {
        UUID id = UUID.randomUUID();
        db.sql(
                        "INSERT INTO withdrawals (id, user_id, amount_usd, target_chain, target_address, status, idempotency_key,"
                                + " request_hash, created_at, updated_at)"
                                + " VALUES (:id, :user, :amount, :chain, :address, :status, :key, :hash, :created, :created)")
                .bind("id", id)
                .bind("user", userId)
                .bind("amount", new BigDecimal(amountUsd))
                .bind("chain", chain)
                .bind("address", address)
                .bind("status", status)
                .bind("key", "key-" + id)
                .bind("hash", "0".repeat(64))
                .bind("created", at(createdAt))
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);
        return id;
    }

    UUID userAccount(UUID userId, String kind) {
        UUID id = UUID.randomUUID();
        db.sql("INSERT INTO ledger_accounts (id, user_id, kind, currency) VALUES (:id, :user, :kind, 'USD')")
                .bind("id", id)
                .bind("user", userId)
                .bind("kind", kind)
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);
        return id;
    }

    /** The house account of that kind in USD naming no partner; there is exactly one, shared by every test. */
    UUID houseAccount(String kind) {
        db.sql(
                        "INSERT INTO ledger_accounts (id, user_id, kind, currency) VALUES (:id, NULL, :kind, 'USD') ON CONFLICT DO NOTHING")
                .bind("id", UUID.randomUUID())
                .bind("kind", kind)
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);
        return db.sql("SELECT id FROM ledger_accounts WHERE user_id IS NULL AND kind = :kind AND currency = 'USD'"
                        + " AND partner IS NULL")
                .bind("kind", kind)
                .map(row -> row.get("id", UUID.class))
                .one()
                .block(TIMEOUT);
    }

    /** One journal moving {@code amount} from one account to another, its entries written in one statement. */
    void post(String reference, UUID debit, UUID credit, String amount, Instant createdAt) {
        UUID journal = UUID.randomUUID();
        db.sql(
                        "INSERT INTO ledger_journal (id, kind, reference, created_at) VALUES (:id, 'test', :reference, :created)")
                .bind("id", journal)
                .bind("reference", reference)
                .bind("created", at(createdAt))
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);
        db.sql("INSERT INTO ledger_entries (journal_id, account_id, amount, created_at)"
                        + " VALUES (:journal, :credit, :amount, :created), (:journal, :debit, -(:amount), :created)")
                .bind("journal", journal)
                .bind("credit", credit)
                .bind("debit", debit)
                .bind("amount", new BigDecimal(amount))
                .bind("created", at(createdAt))
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);
    }

    // --- the subgraph ---

    @Test
    void servesItsFederationSdl() {
        String sdl = asGateway()
                .document("{ _service { sdl } }")
                .execute()
                .path("_service.sdl")
                .entity(String.class)
                .get();
        assertThat(sdl)
                .contains("type User @key")
                .contains("federation/v2.5")
                .contains("balance: Balance!")
                .contains("deposits(after: String, first: Int = 20): DepositConnection!")
                .contains("initiateWithdrawal(input: WithdrawalInput!): Withdrawal!");
    }

    @Test
    void depositsPageNewestFirstAcrossTwoPagesWithACursor() {
        String subject = newSubject();
        UUID userId = userIdOf(subject);
        UUID oldest = insertDeposit(userId, "ethereum", "50.000001", "broker_funded", T0);
        UUID middle = insertDeposit(userId, "solana", "125.5", "off_ramp_initiated", T0.plusSeconds(60));
        UUID newest = insertDeposit(userId, "ethereum", "10", "pending_confirmation", T0.plusSeconds(120));
        insertDeposit(userIdOf(newSubject()), "ethereum", "999", "broker_funded", T0.plusSeconds(90));

        var firstPage = as(subject)
                .document(DEPOSITS_OF_USER)
                .variable("representations", userRepresentations(userId))
                .variable("first", 2)
                .execute();
        firstPage
                .errors()
                .verify()
                .path("_entities[0].deposits.edges[*].node.id")
                .entityList(String.class)
                .containsExactly(newest.toString(), middle.toString())
                .path("_entities[0].deposits.edges[1].node.chain")
                .entity(String.class)
                .isEqualTo("SOLANA")
                .path("_entities[0].deposits.edges[1].node.amountUsdc")
                .entity(String.class)
                .isEqualTo("125.500000")
                .path("_entities[0].deposits.edges[1].node.status")
                .entity(String.class)
                .isEqualTo("OFF_RAMP_INITIATED")
                .path("_entities[0].deposits.edges[1].node.createdAt")
                .entity(String.class)
                .isEqualTo(T0.plusSeconds(60).toString())
                .path("_entities[0].deposits.pageInfo.hasNextPage")
                .entity(Boolean.class)
                .isEqualTo(true);
        String endCursor = firstPage
                .path("_entities[0].deposits.pageInfo.endCursor")
                .entity(String.class)
                .get();
        String lastEdgeCursor = firstPage
                .path("_entities[0].deposits.edges[1].cursor")
                .entity(String.class)
                .get();
        assertThat(endCursor).isEqualTo(lastEdgeCursor);

        as(subject)
                .document(DEPOSITS_OF_USER)
                .variable("representations", userRepresentations(userId))
                .variable("first", 2)
                .variable("after", endCursor)
                .execute()
                .errors()
                .verify()
                .path("_entities[0].deposits.edges[*].node.id")
                .entityList(String.class)
                .containsExactly(oldest.toString())
                .path("_entities[0].deposits.edges[0].node.amountUsdc")
                .entity(String.class)
                .isEqualTo("50.000001")
                .path("_entities[0].deposits.edges[0].node.status")
                .entity(String.class)
                .isEqualTo("BROKER_FUNDED")
                .path("_entities[0].deposits.pageInfo.hasNextPage")
                .entity(Boolean.class)
                .isEqualTo(false);
    }

    @Test
    void aUserWithoutDepositsHasAnEmptyPage() {
        String subject = newSubject();
        as(subject)
                .document(DEPOSITS_OF_USER)
                .variable("representations", userRepresentations(userIdOf(subject)))
                .execute()
                .errors()
                .verify()
                .path("_entities[0].deposits.edges")
                .entityList(Object.class)
                .hasSize(0)
                .path("_entities[0].deposits.pageInfo.hasNextPage")
                .entity(Boolean.class)
                .isEqualTo(false)
                .path("_entities[0].deposits.pageInfo.endCursor")
                .valueIsNull();
    }

    @Test
    void depositByIdIsTheCallersOwnAndNullForAnotherUsers() {
        String subject = newSubject();
        UUID own = insertDeposit(userIdOf(subject), "solana", "20", "failed", T0);
        db.sql("UPDATE deposits SET failure_reason = 'Transfer reverted' WHERE id = :id")
                .bind("id", own)
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);
        UUID someoneElses = insertDeposit(userIdOf(newSubject()), "solana", "30", "broker_funded", T0);

        as(subject)
                .document("query($id: ID!) { deposit(id: $id) { id chain txHash amountUsdc status failureReason } }")
                .variable("id", own.toString())
                .execute()
                .errors()
                .verify()
                .path("deposit.id")
                .entity(String.class)
                .isEqualTo(own.toString())
                .path("deposit.status")
                .entity(String.class)
                .isEqualTo("FAILED")
                .path("deposit.failureReason")
                .entity(String.class)
                .isEqualTo("Transfer reverted");
        as(subject)
                .document("query($id: ID!) { deposit(id: $id) { id amountUsdc } }")
                .variable("id", someoneElses.toString())
                .execute()
                .errors()
                .verify()
                .path("deposit")
                .valueIsNull();
    }

    @Test
    void aMalformedDepositIdIsNotFound() {
        var response = as(newSubject())
                .document("{ deposit(id: \"not-a-uuid\") { id } }")
                .execute();
        response.errors().satisfy(oneErrorWithCode("NOT_FOUND"));
        response.path("deposit").valueIsNull();
    }

    @Test
    void withdrawalsMapTheirTargetChainAndAddress() {
        String subject = newSubject();
        UUID userId = userIdOf(subject);
        UUID older = insertWithdrawal(userId, "40", "solana", "So1Target", "on_ramp_initiated", T0);
        UUID newer = insertWithdrawal(userId, "12.5", "ethereum", "0xtarget", "pending", T0.plusSeconds(30));

        as(subject)
                .document(WITHDRAWALS_OF_USER)
                .variable("representations", userRepresentations(userId))
                .variable("first", 20)
                .execute()
                .errors()
                .verify()
                .path("_entities[0].withdrawals.edges[*].node.id")
                .entityList(String.class)
                .containsExactly(newer.toString(), older.toString())
                .path("_entities[0].withdrawals.edges[0].node.amountUsd")
                .entity(String.class)
                .isEqualTo("12.50")
                .path("_entities[0].withdrawals.edges[0].node.chain")
                .entity(String.class)
                .isEqualTo("ETHEREUM")
                .path("_entities[0].withdrawals.edges[0].node.address")
                .entity(String.class)
                .isEqualTo("0xtarget")
                .path("_entities[0].withdrawals.edges[0].node.txHash")
                .valueIsNull()
                .path("_entities[0].withdrawals.edges[1].node.status")
                .entity(String.class)
                .isEqualTo("ON_RAMP_INITIATED")
                .path("_entities[0].withdrawals.pageInfo.hasNextPage")
                .entity(Boolean.class)
                .isEqualTo(false);

        as(subject)
                .document("query($id: ID!) { withdrawal(id: $id) { id chain address amountUsd status } }")
                .variable("id", older.toString())
                .execute()
                .errors()
                .verify()
                .path("withdrawal.address")
                .entity(String.class)
                .isEqualTo("So1Target")
                .path("withdrawal.amountUsd")
                .entity(String.class)
                .isEqualTo("40.00");
        as(newSubject())
                .document("query($id: ID!) { withdrawal(id: $id) { id } }")
                .variable("id", older.toString())
                .execute()
                .errors()
                .verify()
                .path("withdrawal")
                .valueIsNull();
    }

    @Test
    void balanceSumsTheLedgerEntriesOfTheUsersAccounts() {
        String subject = newSubject();
        UUID userId = userIdOf(subject);
        UUID buyingPower = userAccount(userId, "user_buying_power");
        UUID pendingDeposit = userAccount(userId, "user_pending_deposit");
        UUID clearing = houseAccount("partner_clearing");
        Instant funded = T0.plusSeconds(3600);
        post("deposit-funded-" + userId, clearing, buyingPower, "125.00", T0);
        post("deposit-received-" + userId, clearing, pendingDeposit, "10.129999", funded);
        // another user's money is not this user's
        post(
                "deposit-funded-other-" + userId,
                clearing,
                userAccount(userIdOf(newSubject()), "user_buying_power"),
                "7.00",
                funded.plusSeconds(60));

        as(subject)
                .document(BALANCE_OF_USER)
                .variable("representations", userRepresentations(userId))
                .execute()
                .errors()
                .verify()
                .path("_entities[0].balance.buyingPowerUsd")
                .entity(String.class)
                .isEqualTo("125.00")
                .path("_entities[0].balance.pendingDepositsUsd")
                .entity(String.class)
                .isEqualTo("10.12")
                .path("_entities[0].balance.pendingWithdrawalsUsd")
                .entity(String.class)
                .isEqualTo("0.00")
                .path("_entities[0].balance.updatedAt")
                .entity(String.class)
                .isEqualTo(funded.toString());
    }

    @Test
    void aUserWithoutLedgerEntriesHasAZeroBalanceAsOfNow() {
        String subject = newSubject();
        Instant before = Instant.now().minusSeconds(1);
        String updatedAt = as(subject)
                .document(BALANCE_OF_USER)
                .variable("representations", userRepresentations(userIdOf(subject)))
                .execute()
                .errors()
                .verify()
                .path("_entities[0].balance.buyingPowerUsd")
                .entity(String.class)
                .isEqualTo("0.00")
                .path("_entities[0].balance.pendingDepositsUsd")
                .entity(String.class)
                .isEqualTo("0.00")
                .path("_entities[0].balance.pendingWithdrawalsUsd")
                .entity(String.class)
                .isEqualTo("0.00")
                .path("_entities[0].balance.updatedAt")
                .entity(String.class)
                .get();
        assertThat(Instant.parse(updatedAt)).isBetween(before, Instant.now().plusSeconds(1));
    }

    @Test
    void theDatabaseRefusesAnUnbalancedJournal() {
        UUID account = userAccount(userIdOf(newSubject()), "user_buying_power");
        UUID journal = UUID.randomUUID();
        db.sql("INSERT INTO ledger_journal (id, kind, reference) VALUES (:id, 'test', :reference)")
                .bind("id", journal)
                .bind("reference", "unbalanced-" + journal)
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);

        assertThatThrownBy(() -> db.sql(
                                "INSERT INTO ledger_entries (journal_id, account_id, amount) VALUES (:journal, :account, 5)")
                        .bind("journal", journal)
                        .bind("account", account)
                        .fetch()
                        .rowsUpdated()
                        .block(TIMEOUT))
                .hasMessageContaining("does not balance");
    }

    @Test
    void anotherUsersFieldsAreForbiddenAndNothingIsReturned() {
        UUID victim = userIdOf(newSubject());
        insertDeposit(victim, "ethereum", "500", "broker_funded", T0);
        insertWithdrawal(victim, "250", "ethereum", "0xvictim", "pending", T0);

        var response = as(newSubject())
                .document("""
                        query($representations: [_Any!]!) {
                          _entities(representations: $representations) {
                            ... on User {
                              balance { buyingPowerUsd }
                              deposits { edges { node { id amountUsdc } } }
                              withdrawals { edges { node { id amountUsd address } } }
                            }
                          }
                        }""")
                .variable("representations", userRepresentations(victim))
                .execute();
        response.errors().satisfy(onlyErrorsWithCode("FORBIDDEN"));
        response.path("_entities[0]").valueIsNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 101, 1000})
    void aPageSizeOutsideOneToAHundredIsBadUserInput(int first) {
        String subject = newSubject();
        var response = as(subject)
                .document(DEPOSITS_OF_USER)
                .variable("representations", userRepresentations(userIdOf(subject)))
                .variable("first", first)
                .execute();
        response.errors()
                .satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                    assertThat(error.getExtensions())
                            .containsEntry("code", "BAD_USER_INPUT")
                            .containsEntry("field", "first");
                }));
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "bm90LWEtY3Vyc29y", "%%%"})
    void aCursorThisApiDidNotIssueIsBadUserInput(String after) {
        String subject = newSubject();
        var response = as(subject)
                .document(WITHDRAWALS_OF_USER)
                .variable("representations", userRepresentations(userIdOf(subject)))
                .variable("first", 10)
                .variable("after", after)
                .execute();
        response.errors()
                .satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                    assertThat(error.getExtensions())
                            .containsEntry("code", "BAD_USER_INPUT")
                            .containsEntry("field", "after");
                }));
    }

    @Test
    void depositWithTheGatewaysServiceTokenIsUnauthenticated() {
        asGateway()
                .document("query($id: ID!) { deposit(id: $id) { id } }")
                .variable("id", UUID.randomUUID().toString())
                .execute()
                .errors()
                .expect(errorWithCode("UNAUTHENTICATED"))
                .verify();
    }
}
