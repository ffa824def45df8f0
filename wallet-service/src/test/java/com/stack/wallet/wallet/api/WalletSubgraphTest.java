package com.stack.wallet.wallet.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import com.stack.testsupport.SubgraphIntegrationTest;
import com.stack.wallet.WalletApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(
        classes = WalletApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=wallet-service")
class WalletSubgraphTest extends SubgraphIntegrationTest {

    static final String WALLETS_OF_USER = """
            query($representations: [_Any!]!) {
              _entities(representations: $representations) { ... on User { id wallets { chain address status } } }
            }""";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registerService(registry, "stack_wallet_test");
        registry.add("stack.messaging.topic-suffix", () -> ".wallet-subgraph-" + UUID.randomUUID());
        // these tests write wallet rows themselves: nothing may try to open them at a custodian
        registry.add("stack.wallet.provisioning.enabled", () -> "false");
    }

    @Autowired
    DatabaseClient db;

    /** Test-only setup: the rows KYC approval creates (WalletProvisioningTest covers that flow). */
    void insertWallet(UUID userId, String chain, String address, String status) {
        var insert = db.sql("INSERT INTO wallets (id, user_id, chain, address, circle_wallet_id, status) "
                        + "VALUES (:id, :user, :chain, :address, :circle, :status)")
                .bind("id", UUID.randomUUID())
                .bind("user", userId)
                .bind("chain", chain)
                .bind("status", status);
        insert = address == null
                ? insert.bindNull("address", String.class).bindNull("circle", String.class)
                : insert.bind("address", address).bind("circle", "circle-" + UUID.randomUUID());
        insert.fetch().rowsUpdated().block(Duration.ofSeconds(10));
    }

    void recordKyc(UUID userId, String status) {
        db.sql("INSERT INTO kyc_standings (user_id, status, version, changed_at) VALUES (:user, :status, 1, now())")
                .bind("user", userId)
                .bind("status", status)
                .fetch()
                .rowsUpdated()
                .block(Duration.ofSeconds(10));
    }

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
                .contains("wallets: [Wallet!]!")
                .contains("depositAddress(chain: Chain!): Wallet!")
                .contains("address: String!");
    }

    @Test
    void theCallersOpenedWalletsResolveOnTheUserEntityOrderedByChain() {
        String subject = newSubject();
        UUID userId = userIdOf(subject);
        insertWallet(userId, "solana", "So1" + userId, "inactive");
        insertWallet(userId, "ethereum", "0xeth" + userId, "active");

        as(subject)
                .document(WALLETS_OF_USER)
                .variable("representations", userRepresentations(userId))
                .execute()
                .errors()
                .verify()
                .path("_entities[0].id")
                .entity(String.class)
                .isEqualTo(userId.toString())
                .path("_entities[0].wallets[*].chain")
                .entityList(String.class)
                .containsExactly("ETHEREUM", "SOLANA")
                .path("_entities[0].wallets[0].address")
                .entity(String.class)
                .isEqualTo("0xeth" + userId)
                .path("_entities[0].wallets[1].address")
                .entity(String.class)
                .isEqualTo("So1" + userId)
                .path("_entities[0].wallets[*].status")
                .entityList(String.class)
                .containsExactly("ACTIVE", "INACTIVE");
    }

    @Test
    void aWalletStillBeingCreatedHasNoAddressAndIsNotListedYet() {
        String subject = newSubject();
        UUID userId = userIdOf(subject);
        insertWallet(userId, "solana", null, "creating");
        insertWallet(userId, "ethereum", "0xeth" + userId, "active");

        as(subject)
                .document(WALLETS_OF_USER)
                .variable("representations", userRepresentations(userId))
                .execute()
                .errors()
                .verify()
                .path("_entities[0].wallets[*].chain")
                .entityList(String.class)
                .containsExactly("ETHEREUM");
    }

    @Test
    void aUserWithoutWalletsHasAnEmptyList() {
        String subject = newSubject();
        as(subject)
                .document(WALLETS_OF_USER)
                .variable("representations", userRepresentations(userIdOf(subject)))
                .execute()
                .errors()
                .verify()
                .path("_entities[0].wallets")
                .entityList(Object.class)
                .hasSize(0);
    }

    @Test
    void anotherUsersWalletsAreForbiddenAndNotReturned() {
        String owner = newSubject();
        UUID ownerId = userIdOf(owner);
        insertWallet(ownerId, "ethereum", "0xsecret" + ownerId, "active");

        var response = as(newSubject())
                .document(WALLETS_OF_USER)
                .variable("representations", userRepresentations(ownerId))
                .execute();
        response.errors().satisfy(onlyErrorsWithCode("FORBIDDEN"));
        response.path("_entities[0]").valueIsNull();
    }

    @Test
    void depositAddressIsTheApprovedCallersActiveWalletOnTheChain() {
        String subject = newSubject();
        UUID userId = userIdOf(subject);
        recordKyc(userId, "APPROVED");
        insertWallet(userId, "ethereum", "0xdeposit" + userId, "active");

        as(subject)
                .document("{ depositAddress(chain: ETHEREUM) { id chain address status } }")
                .execute()
                .errors()
                .verify()
                .path("depositAddress.chain")
                .entity(String.class)
                .isEqualTo("ETHEREUM")
                .path("depositAddress.address")
                .entity(String.class)
                .isEqualTo("0xdeposit" + userId)
                .path("depositAddress.status")
                .entity(String.class)
                .isEqualTo("ACTIVE");
    }

    @Test
    void beforeKycApprovalThereIsNoDepositAddress() {
        as(newSubject())
                .document("{ depositAddress(chain: SOLANA) { address } }")
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                    assertThat(error.getExtensions()).containsEntry("code", "KYC_NOT_APPROVED");
                    assertThat(error.getMessage()).contains("KYC");
                }))
                // depositAddress is non-null, so the error leaves no data at all: never a made-up address
                .path("$.data")
                .valueIsNull();
    }

    @ParameterizedTest(name = "KYC {0}, {1} wallet {2}: {3}")
    @CsvSource({
        // a revoked approval hides even an active wallet's address
        "REJECTED, ETHEREUM, active, KYC_NOT_APPROVED",
        "APPROVED, SOLANA, creating, WALLET_NOT_READY",
        "APPROVED, ETHEREUM, inactive, DEPOSIT_ADDRESS_UNAVAILABLE"
    })
    void thereIsNoDepositAddressUnlessKycIsApprovedAndTheWalletActive(
            String kyc, String chain, String status, String code) {
        String subject = newSubject();
        UUID userId = userIdOf(subject);
        recordKyc(userId, kyc);
        insertWallet(userId, chain.toLowerCase(), "creating".equals(status) ? null : "0x" + chain + userId, status);

        as(subject)
                .document("query($chain: Chain!) { depositAddress(chain: $chain) { address } }")
                .variable("chain", chain)
                .execute()
                .errors()
                .satisfy(oneErrorWithCode(code))
                .path("$.data")
                .valueIsNull();
    }

    @Test
    void depositAddressWithTheGatewaysServiceTokenIsUnauthenticated() {
        asGateway()
                .document("{ depositAddress(chain: ETHEREUM) { address } }")
                .execute()
                .errors()
                .expect(errorWithCode("UNAUTHENTICATED"))
                .verify();
    }
}
