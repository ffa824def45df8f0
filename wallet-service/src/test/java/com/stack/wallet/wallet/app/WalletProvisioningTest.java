package com.stack.wallet.wallet.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.EventType;
import com.stack.contracts.events.v1.KycStatusChanged;
import com.stack.defaults.messaging.EventCodec;
import com.stack.defaults.messaging.transport.MessageTransport;
import com.stack.testsupport.SubgraphIntegrationTest;
import com.stack.wallet.OnboardingTopic;
import com.stack.wallet.WalletApplication;
import com.stack.wallet.wallet.adapters.circle.FakeCircle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * KYC approval to active Circle wallets, end to end: KycStatusChanged on the real broker, the idempotent
 * consumer and the provisioner against a fake Circle (real HTTP, real RSA-OAEP), the outbox in the real
 * database, and the deposit address through the subgraph.
 */
@SpringBootTest(
        classes = WalletApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=wallet-service")
class WalletProvisioningTest extends SubgraphIntegrationTest {

    static final FakeCircle CIRCLE = new FakeCircle();
    static final String SUFFIX = ".wallet-kyc-" + UUID.randomUUID().toString().substring(0, 8);
    static final Duration DEADLINE = Duration.ofSeconds(30);
    static final String DEPOSIT_ADDRESS =
            "query($chain: Chain!) { depositAddress(chain: $chain) { chain address status } }";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registerService(registry, "stack_wallet_provisioning_test");
        registry.add("stack.messaging.topic-suffix", () -> SUFFIX);
        registry.add("stack.messaging.consumer-group", () -> "wallet-service" + SUFFIX);
        registry.add("stack.circle.base-url", CIRCLE::baseUrl);
        registry.add("stack.circle.api-key", () -> FakeCircle.API_KEY);
        registry.add("stack.circle.entity-secret", () -> FakeCircle.ENTITY_SECRET_HEX);
        registry.add("stack.circle.resilience.max-attempts", () -> "2");
        registry.add("stack.circle.resilience.initial-backoff", () -> "20ms");
        registry.add("stack.circle.resilience.open-state-wait", () -> "200ms");
        registry.add("stack.wallet.provisioning.initial-backoff", () -> "100ms");
        registry.add("stack.wallet.provisioning.max-backoff", () -> "400ms");
        registry.add("stack.wallet.provisioning.sweep-interval", () -> "200ms");
    }

    @AfterAll
    static void stopCircle() {
        CIRCLE.close();
    }

    @Autowired
    MessageTransport transport;

    @Autowired
    EventCodec codec;

    @Autowired
    DatabaseClient db;

    OnboardingTopic onboarding;

    @BeforeEach
    void onboardingTopic() {
        onboarding = new OnboardingTopic(transport, codec, SUFFIX);
    }

    @AfterEach
    void circleIsBackUp() {
        CIRCLE.recover();
        // an outage test leaves the client's circuit breaker open: the next test starts once its open-state wait
        // (200 ms here) has passed, so its first call to Circle is let through
        await().pollDelay(Duration.ofMillis(600)).atMost(Duration.ofSeconds(1)).until(() -> true);
    }

    @Test
    void anApprovalOpensOneActiveCircleWalletPerChainAndAnnouncesEach() {
        UUID user = UUID.randomUUID();

        onboarding.publish(kyc(user, "APPROVED", 1), 1);

        List<Map<String, Object>> wallets = awaitActiveWallets(user);
        assertThat(wallets).extracting(w -> w.get("chain")).containsExactly("ethereum", "solana");
        // each opened on its first attempt: nothing failed on the way (a blocking call would have)
        assertThat(wallets).allSatisfy(wallet -> {
            assertThat(wallet.get("attempts")).isEqualTo(1);
            assertThat(wallet.get("last_error")).isNull();
        });
        List<FakeCircle.CreatedWallet> atCircle = CIRCLE.walletsOf(user.toString());
        assertThat(atCircle)
                .extracting(FakeCircle.CreatedWallet::blockchain)
                .containsExactlyInAnyOrder("ETH-SEPOLIA", "SOL-DEVNET");
        assertThat(wallets)
                .allSatisfy(wallet -> assertThat(atCircle).anySatisfy(opened -> {
                    assertThat(opened.address()).isEqualTo(wallet.get("address"));
                    assertThat(opened.id()).isEqualTo(wallet.get("circle_wallet_id"));
                }));

        List<Map<String, Object>> announced = walletCreatedEvents(user);
        assertThat(announced).hasSize(2);
        assertThat(announced).extracting(event -> event.get("chain")).containsExactlyInAnyOrder("ETHEREUM", "SOLANA");
        assertThat(announced).allSatisfy(event -> {
            assertThat(event.get("userId")).isEqualTo(user.toString());
            Map<String, Object> wallet = wallets.stream()
                    .filter(w -> w.get("id").toString().equals(event.get("walletId")))
                    .findFirst()
                    .orElseThrow();
            assertThat(event.get("address")).isEqualTo(wallet.get("address"));
        });
    }

    @Test
    void theSameApprovalDeliveredThreeTimesOpensOneWalletPerChainAtCircle() {
        UUID user = UUID.randomUUID();
        EventEnvelope<KycStatusChanged> approval = kyc(user, "APPROVED", 1);

        EventEnvelope<KycStatusChanged> republished = OnboardingTopic.event(approval.data());

        onboarding.publish(approval, 3);
        // and once more under a new event id, as if onboarding had published the same change twice
        onboarding.publish(republished, 1);

        awaitActiveWallets(user);
        awaitProcessed(approval);
        awaitProcessed(republished);
        assertThat(count("SELECT count(*) FROM processed_events WHERE event_id = '" + approval.id() + "'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM wallets WHERE user_id = '" + user + "'"))
                .isEqualTo(2);
        assertThat(CIRCLE.walletsOf(user.toString())).hasSize(2);
        assertThat(walletCreatedEvents(user)).hasSize(2);
    }

    @Test
    void aStalePendingAfterTheApprovalUndoesNothing() {
        String subject = newSubject();
        UUID user = userIdOf(subject);
        onboarding.publish(kyc(user, "APPROVED", 2), 1);
        awaitActiveWallets(user);

        EventEnvelope<KycStatusChanged> stale = kyc(user, "PENDING", 1);
        onboarding.publish(stale, 1);
        awaitProcessed(stale);

        assertThat(db.sql("SELECT status, version FROM kyc_standings WHERE user_id = :user")
                        .bind("user", user)
                        .map(row -> row.get("status", String.class) + "@" + row.get("version", Long.class))
                        .one()
                        .block())
                .isEqualTo("APPROVED@2");
        assertThat(activeWallets(user)).hasSize(2);
        as(subject)
                .document(DEPOSIT_ADDRESS)
                .variable("chain", "SOLANA")
                .execute()
                .errors()
                .verify()
                .path("depositAddress.status")
                .entity(String.class)
                .isEqualTo("ACTIVE");
    }

    @Test
    void aRejectedKycOpensNoWallets() {
        String subject = newSubject();
        UUID user = userIdOf(subject);
        EventEnvelope<KycStatusChanged> rejection = kyc(user, "REJECTED", 1);

        onboarding.publish(rejection, 1);
        awaitProcessed(rejection);

        assertThat(count("SELECT count(*) FROM wallets WHERE user_id = '" + user + "'"))
                .isZero();
        assertThat(CIRCLE.walletsOf(user.toString())).isEmpty();
        as(subject)
                .document(DEPOSIT_ADDRESS)
                .variable("chain", "ETHEREUM")
                .execute()
                .errors()
                .satisfy(oneErrorWithCode("KYC_NOT_APPROVED"));
    }

    @Test
    void walletsWaitInCreatingThroughACircleOutageAndOpenOnceAfterIt() {
        UUID user = UUID.randomUUID();
        CIRCLE.goDown();
        int refusedBefore = CIRCLE.unavailableAnswers();

        onboarding.publish(kyc(user, "APPROVED", 1), 1);

        // several attempts per wallet failed, each backed off and recorded; nothing was opened
        await().atMost(DEADLINE)
                .untilAsserted(() -> assertThat(wallets(user)).hasSize(2).allSatisfy(wallet -> {
                    assertThat(wallet.get("status")).isEqualTo("creating");
                    assertThat((Integer) wallet.get("attempts")).isGreaterThanOrEqualTo(3);
                    assertThat((String) wallet.get("last_error")).contains("503");
                }));
        assertThat(CIRCLE.unavailableAnswers()).isGreaterThan(refusedBefore);
        assertThat(CIRCLE.walletsOf(user.toString())).isEmpty();
        assertThat(walletCreatedEvents(user)).isEmpty();

        CIRCLE.recover();

        awaitActiveWallets(user);
        assertThat(CIRCLE.walletsOf(user.toString())).hasSize(2);
        assertThat(walletCreatedEvents(user)).hasSize(2);
    }

    @Test
    void aWalletWhoseAnswerWasLostIsAskedForAgainWithTheSameKeyAndOpenedOnce() {
        UUID user = UUID.randomUUID();
        CIRCLE.loseWalletAnswers();

        onboarding.publish(kyc(user, "APPROVED", 1), 1);

        // Circle opened both wallets, but the service never heard: it keeps asking, with the same keys
        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(CIRCLE.walletsOf(user.toString())).hasSize(2);
            assertThat(wallets(user))
                    .allSatisfy(wallet ->
                            assertThat((Integer) wallet.get("attempts")).isGreaterThan(1));
        });
        assertThat(activeWallets(user)).isEmpty();

        CIRCLE.recover();

        List<Map<String, Object>> active = awaitActiveWallets(user);
        assertThat(CIRCLE.walletsOf(user.toString()))
                .hasSize(2)
                .allSatisfy(opened -> assertThat(active)
                        .anySatisfy(wallet ->
                                assertThat(wallet.get("circle_wallet_id")).isEqualTo(opened.id())));
        assertThat(walletCreatedEvents(user)).hasSize(2);
    }

    @Test
    void theDepositAddressIsRefusedBeforeApprovalNotReadyWhileCreatingAndHandedOutOnceActive() {
        String subject = newSubject();
        UUID user = userIdOf(subject);

        as(subject)
                .document(DEPOSIT_ADDRESS)
                .variable("chain", "ETHEREUM")
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                    assertThat(error.getExtensions()).containsEntry("code", "KYC_NOT_APPROVED");
                    assertThat(error.getMessage()).contains("KYC");
                }))
                .path("$.data")
                .valueIsNull();

        CIRCLE.goDown();
        onboarding.publish(kyc(user, "APPROVED", 1), 1);
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(wallets(user)).hasSize(2));

        as(subject)
                .document(DEPOSIT_ADDRESS)
                .variable("chain", "ETHEREUM")
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                    assertThat(error.getExtensions()).containsEntry("code", "WALLET_NOT_READY");
                    assertThat(error.getMessage()).contains("still being created");
                }))
                .path("$.data")
                .valueIsNull();
        as(subject)
                .document("""
                        query($representations: [_Any!]!) {
                          _entities(representations: $representations) { ... on User { wallets { chain address status } } }
                        }""")
                .variable("representations", userRepresentations(user))
                .execute()
                .errors()
                .verify()
                // a wallet without an address yet is not listed (the contract's Wallet.address is non-null)
                .path("_entities[0].wallets")
                .entityList(Object.class)
                .hasSize(0);

        CIRCLE.recover();
        List<Map<String, Object>> active = awaitActiveWallets(user);

        as(subject)
                .document(DEPOSIT_ADDRESS)
                .variable("chain", "ETHEREUM")
                .execute()
                .errors()
                .verify()
                .path("depositAddress.chain")
                .entity(String.class)
                .isEqualTo("ETHEREUM")
                .path("depositAddress.status")
                .entity(String.class)
                .isEqualTo("ACTIVE")
                .path("depositAddress.address")
                .entity(String.class)
                .isEqualTo((String) active.get(0).get("address"));
    }

    @Test
    void everyWriteToCircleCarriesAFreshCiphertextUnderACachedKey() {
        UUID user = UUID.randomUUID();
        int keyFetchesBefore = CIRCLE.publicKeyFetches();

        onboarding.publish(kyc(user, "APPROVED", 1), 1);
        awaitActiveWallets(user);

        List<String> ciphertexts = CIRCLE.ciphertexts();
        assertThat(ciphertexts).hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates();
        // the key was fetched before (or once now), not per request
        assertThat(CIRCLE.publicKeyFetches() - keyFetchesBefore).isLessThanOrEqualTo(1);
    }

    private static EventEnvelope<KycStatusChanged> kyc(UUID user, String status, long version) {
        return OnboardingTopic.event(new KycStatusChanged(user, status, version, Instant.now(), "US"));
    }

    private List<Map<String, Object>> awaitActiveWallets(UUID user) {
        await().atMost(DEADLINE)
                .untilAsserted(() -> assertThat(activeWallets(user)).hasSize(2));
        return activeWallets(user);
    }

    private void awaitProcessed(EventEnvelope<?> event) {
        await().atMost(DEADLINE)
                .untilAsserted(() -> assertThat(
                                count("SELECT count(*) FROM processed_events WHERE event_id = '" + event.id() + "'"))
                        .isEqualTo(1));
    }

    private List<Map<String, Object>> activeWallets(UUID user) {
        return wallets(user).stream()
                .filter(wallet -> "active".equals(wallet.get("status")))
                .toList();
    }

    private List<Map<String, Object>> wallets(UUID user) {
        return db.sql("SELECT id, chain, address, circle_wallet_id, status, attempts, last_error FROM wallets"
                        + " WHERE user_id = :user ORDER BY chain")
                .bind("user", user)
                .fetch()
                .all()
                .collectList()
                .block(DEADLINE);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> walletCreatedEvents(UUID user) {
        JsonMapper json = JsonMapper.builder().build();
        return db.sql(
                        "SELECT payload FROM outbox_events WHERE partition_key = :user AND event_type = :type ORDER BY id")
                .bind("user", user.toString())
                .bind("type", EventType.WALLET_CREATED.type())
                .map(row -> (Map<String, Object>) json.readValue(row.get("payload", String.class), Map.class))
                .all()
                .collectList()
                .block(DEADLINE);
    }

    private long count(String sql) {
        return db.sql(sql).map(row -> row.get(0, Long.class)).one().block(DEADLINE);
    }
}
