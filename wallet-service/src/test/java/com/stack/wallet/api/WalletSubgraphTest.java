package com.stack.wallet.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import com.stack.testsupport.SubgraphIntegrationTest;
import com.stack.wallet.WalletApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(classes = WalletApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=wallet-service")
class WalletSubgraphTest extends SubgraphIntegrationTest {

    static final String WALLETS_OF_USER = """
            query($representations: [_Any!]!) {
              _entities(representations: $representations) { ... on User { id wallets { chain address status } } }
            }""";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registerService(registry, "stack_wallet_test");
    }

    @Autowired
    DatabaseClient db;

    /** Test-only setup: the rows KYC approval will create once that flow exists. */
    void insertWallet(UUID userId, String chain, String address, String status) {
        db.sql("INSERT INTO wallets (id, user_id, chain, address, circle_wallet_id, status) "
                        + "VALUES (:id, :user, :chain, :address, :circle, :status)")
                .bind("id", UUID.randomUUID()).bind("user", userId).bind("chain", chain).bind("address", address)
                .bind("circle", "circle-" + UUID.randomUUID()).bind("status", status)
                .fetch().rowsUpdated().block(Duration.ofSeconds(10));
    }

    @Test
    void servesItsFederationSdl() {
        String sdl = asGateway().document("{ _service { sdl } }").execute().path("_service.sdl").entity(String.class).get();
        assertThat(sdl).contains("type User @key").contains("federation/v2.5").contains("wallets: [Wallet!]!")
                .contains("depositAddress(chain: Chain!): Wallet!");
    }

    @Test
    void theCallersWalletsResolveOnTheUserEntityOrderedByChain() {
        String subject = newSubject();
        UUID userId = userIdOf(subject);
        insertWallet(userId, "solana", "So1anaAddre55" + userId, "creating");
        insertWallet(userId, "ethereum", "0xeth" + userId, "active");

        as(subject).document(WALLETS_OF_USER).variable("representations", userRepresentations(userId)).execute()
                .errors().verify()
                .path("_entities[0].id").entity(String.class).isEqualTo(userId.toString())
                .path("_entities[0].wallets[*].chain").entityList(String.class).containsExactly("ETHEREUM", "SOLANA")
                .path("_entities[0].wallets[0].address").entity(String.class).isEqualTo("0xeth" + userId)
                .path("_entities[0].wallets[*].status").entityList(String.class).containsExactly("ACTIVE", "CREATING");
    }

    @Test
    void aUserWithoutWalletsHasAnEmptyList() {
        String subject = newSubject();
        as(subject).document(WALLETS_OF_USER).variable("representations", userRepresentations(userIdOf(subject)))
                .execute().errors().verify()
                .path("_entities[0].wallets").entityList(Object.class).hasSize(0);
    }

    @Test
    void anotherUsersWalletsAreForbiddenAndNotReturned() {
        String owner = newSubject();
        UUID ownerId = userIdOf(owner);
        insertWallet(ownerId, "ethereum", "0xsecret" + ownerId, "active");

        var response = as(newSubject()).document(WALLETS_OF_USER)
                .variable("representations", userRepresentations(ownerId)).execute();
        response.errors().satisfy(onlyErrorsWithCode("FORBIDDEN"));
        response.path("_entities[0]").valueIsNull();
    }

    @Test
    void depositAddressIsTheCallersActiveWalletOnTheChain() {
        String subject = newSubject();
        UUID userId = userIdOf(subject);
        insertWallet(userId, "ethereum", "0xdeposit" + userId, "active");

        as(subject).document("{ depositAddress(chain: ETHEREUM) { id chain address status } }").execute()
                .errors().verify()
                .path("depositAddress.chain").entity(String.class).isEqualTo("ETHEREUM")
                .path("depositAddress.address").entity(String.class).isEqualTo("0xdeposit" + userId)
                .path("depositAddress.status").entity(String.class).isEqualTo("ACTIVE");
    }

    @Test
    void withoutAWalletThereIsNoDepositAddress() {
        as(newSubject()).document("{ depositAddress(chain: SOLANA) { address } }").execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                    assertThat(error.getExtensions()).containsEntry("code", "DEPOSIT_ADDRESS_UNAVAILABLE");
                    assertThat(error.getMessage()).contains("KYC");
                }))
                // depositAddress is non-null, so the error leaves no data at all: never a made-up address
                .path("$.data").valueIsNull();
    }

    @Test
    void aWalletStillBeingCreatedHasNoDepositAddressYet() {
        String subject = newSubject();
        UUID userId = userIdOf(subject);
        insertWallet(userId, "solana", "pending" + userId, "creating");

        as(subject).document("{ depositAddress(chain: SOLANA) { address } }").execute()
                .errors().satisfy(oneErrorWithCode("DEPOSIT_ADDRESS_UNAVAILABLE"))
                .path("$.data").valueIsNull();
    }

    @Test
    void depositAddressWithTheGatewaysServiceTokenIsUnauthenticated() {
        asGateway().document("{ depositAddress(chain: ETHEREUM) { address } }").execute().errors()
                .expect(errorWithCode("UNAUTHENTICATED")).verify();
    }
}
