package com.stack.funding.partner.adapters.circle;

import static com.stack.funding.partner.adapters.PartnerSandbox.ethereumAddress;
import static com.stack.funding.partner.adapters.PartnerSandbox.solanaAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.defaults.circle.EntitySecretCiphertexts;
import com.stack.funding.partner.adapters.PartnerSandbox;
import com.stack.funding.shared.domain.Chain;
import com.stack.funding.withdrawal.app.WalletTransfers;
import com.stack.funding.withdrawal.app.WalletTransfers.OnChainTransaction;
import com.stack.funding.withdrawal.app.WalletTransfers.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Circle's developer-controlled wallet transfers, against the partner sandbox over HTTP, out of wallets
 * made there (ETH-SEPOLIA and SOL-DEVNET, as wallet-service makes them locally) and credited with USDC:
 * sent with the chain's USDC token, read back to COMPLETE with a hash, repeated under one key, refused,
 * failed on chain, short of USDC, and Circle answering 503.
 */
class CircleWalletTransferClientTest {

    static final PartnerSandbox SANDBOX = PartnerSandbox.shared();

    final CircleProperties properties = CircleTransferClientTest.properties(SANDBOX);
    final WalletTransfers wallets = new CircleWalletTransferClient(WebClient.builder(), properties);
    final WebClient circle = WebClient.builder()
            .baseUrl(SANDBOX.url("/circle"))
            .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.apiKey())
            .build();

    @AfterEach
    void noFaultsNorFlags() {
        SANDBOX.clearFaults();
        SANDBOX.controlPost("/circle/transactions/fail-next", Map.of("count", 0));
    }

    @Test
    void usdcLeavesTheWalletAndTheTransactionIsReadBackCompleteWithItsHash() {
        UUID wallet = fundedWallet("ETH-SEPOLIA", "50");
        String destination = ethereumAddress();

        OnChainTransaction sent =
                send(wallet, Chain.ETHEREUM, destination, "12.345678", UUID.randomUUID(), "withdrawal-1");

        assertThat(sent.state()).isEqualTo(State.PENDING);
        OnChainTransaction done = awaitFinal(sent.transactionId());
        assertThat(done.state()).isEqualTo(State.COMPLETE);
        assertThat(done.txHash()).matches("0x[0-9a-f]{64}");
        assertThat(done.errorReason()).isNull();
        assertThat(transactions("withdrawal-1", wallet)).singleElement().satisfies(transaction -> {
            assertThat(transaction.get("tokenId"))
                    .isEqualTo(properties.usdcTokenIds().ethereum());
            assertThat(transaction.get("amounts")).isEqualTo(List.of("12.345678"));
            assertThat(transaction.get("destinationAddress")).isEqualTo(destination);
            assertThat(transaction.get("feeLevel")).isEqualTo("MEDIUM");
        });
        assertThat(balance(wallet)).isEqualTo("37.654322");
    }

    @Test
    void aSolanaWalletSendsSolanasUsdcToken() {
        UUID wallet = fundedWallet("SOL-DEVNET", "10");

        OnChainTransaction sent = send(wallet, Chain.SOLANA, solanaAddress(), "4", UUID.randomUUID(), "withdrawal-sol");

        assertThat(awaitFinal(sent.transactionId()).state()).isEqualTo(State.COMPLETE);
        assertThat(transactions("withdrawal-sol", wallet))
                .singleElement()
                .satisfies(transaction -> assertThat(transaction.get("tokenId"))
                        .isEqualTo(properties.usdcTokenIds().solana()));
    }

    @Test
    void theSameKeyAgainIsTheSameTransactionAndTheUsdcLeavesOnce() {
        UUID wallet = fundedWallet("ETH-SEPOLIA", "20");
        String destination = ethereumAddress();
        UUID key = UUID.randomUUID();
        OnChainTransaction first = send(wallet, Chain.ETHEREUM, destination, "5.00", key, "withdrawal-2");
        awaitFinal(first.transactionId());

        // a fresh ciphertext, the same request: Circle answers the transaction made the first time
        OnChainTransaction again = send(wallet, Chain.ETHEREUM, destination, "5.00", key, "withdrawal-2");

        assertThat(again.transactionId()).isEqualTo(first.transactionId());
        assertThat(again.state()).isEqualTo(State.COMPLETE);
        assertThat(transactions("withdrawal-2", wallet)).hasSize(1);
        assertThat(balance(wallet)).isEqualTo("15");
    }

    @Test
    void circleRefusingTheRequestIsARefusalAndNothingLeaves() {
        UUID wallet = fundedWallet("ETH-SEPOLIA", "20");

        // a Solana address from an Ethereum wallet, an unknown wallet
        assertThatThrownBy(() -> send(wallet, Chain.ETHEREUM, solanaAddress(), "1", UUID.randomUUID(), "withdrawal-3"))
                .isInstanceOf(WalletTransfers.WalletTransferRefusedException.class)
                .hasMessageContaining("HTTP 400");
        assertThatThrownBy(
                        () -> send(UUID.randomUUID(), Chain.ETHEREUM, ethereumAddress(), "1", UUID.randomUUID(), "w"))
                .isInstanceOf(WalletTransfers.WalletTransferRefusedException.class)
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("156001");
        // more than USDC's 6 decimals is refused without asking
        assertThatThrownBy(() -> send(wallet, Chain.ETHEREUM, ethereumAddress(), "1.0000001", UUID.randomUUID(), "w"))
                .isInstanceOf(WalletTransfers.WalletTransferRefusedException.class);
        assertThat(transactions("withdrawal-3", wallet)).isEmpty();
        assertThat(balance(wallet)).isEqualTo("20");
        assertThatThrownBy(() -> wallets.status(UUID.randomUUID().toString()).block(PartnerSandbox.TIMEOUT))
                .isInstanceOf(WalletTransfers.WalletTransferRefusedException.class)
                .hasMessageContaining("HTTP 404");
    }

    @Test
    void aTransactionThatFailsOnChainOrCannotBeCoveredIsReadFailedWithCirclesReason() {
        UUID wallet = fundedWallet("ETH-SEPOLIA", "10");
        SANDBOX.controlPost(
                "/circle/transactions/fail-next",
                Map.of("count", 1, "errorReason", "FAILED_ON_CHAIN", "failAfter", "SENT"));

        OnChainTransaction failed =
                awaitFinal(send(wallet, Chain.ETHEREUM, ethereumAddress(), "2", UUID.randomUUID(), "withdrawal-4")
                        .transactionId());
        OnChainTransaction uncovered =
                awaitFinal(send(wallet, Chain.ETHEREUM, ethereumAddress(), "11", UUID.randomUUID(), "withdrawal-5")
                        .transactionId());

        assertThat(failed.state()).isEqualTo(State.FAILED);
        assertThat(failed.errorReason()).isEqualTo("FAILED_ON_CHAIN");
        assertThat(failed.txHash()).isNotNull();
        assertThat(uncovered.state()).isEqualTo(State.FAILED);
        assertThat(uncovered.errorReason()).isEqualTo("INSUFFICIENT_TOKEN");
        assertThat(balance(wallet)).isEqualTo("10");
    }

    @Test
    void a503IsAskedAgainWithAFreshCiphertextAndOneThatLastsIsUnavailable() {
        UUID wallet = fundedWallet("ETH-SEPOLIA", "10");
        SANDBOX.fault("circle", "POST", CircleWalletTransferClient.TRANSFER_PATH, 503, 2);

        OnChainTransaction sent =
                send(wallet, Chain.ETHEREUM, ethereumAddress(), "1", UUID.randomUUID(), "withdrawal-6");

        assertThat(sent.state()).isEqualTo(State.PENDING);
        assertThat(transactions("withdrawal-6", wallet)).hasSize(1);

        SANDBOX.fault("circle", "POST", CircleWalletTransferClient.TRANSFER_PATH, 503, 3);
        assertThatThrownBy(
                        () -> send(wallet, Chain.ETHEREUM, ethereumAddress(), "1", UUID.randomUUID(), "withdrawal-7"))
                .isInstanceOf(WalletTransfers.WalletTransferUnavailableException.class)
                .hasMessageContaining("HTTP 503");
        assertThat(transactions("withdrawal-7", wallet)).isEmpty();
    }

    @Test
    void circlesStatesCountAsThePortSays() {
        for (String pending :
                List.of("INITIATED", "QUEUED", "CLEARED", "SENT", "CONFIRMED", "STUCK", "SOMETHING_NEW")) {
            assertThat(CircleWalletTransferClient.stateOf(pending)).as(pending).isEqualTo(State.PENDING);
        }
        for (String failed : List.of("FAILED", "CANCELLED", "DENIED")) {
            assertThat(CircleWalletTransferClient.stateOf(failed)).as(failed).isEqualTo(State.FAILED);
        }
        assertThat(CircleWalletTransferClient.stateOf("COMPLETE")).isEqualTo(State.COMPLETE);
    }

    OnChainTransaction send(UUID wallet, Chain chain, String destination, String usdc, UUID key, String refId) {
        return wallets.send(wallet.toString(), chain, destination, new BigDecimal(usdc), key, refId)
                .block(PartnerSandbox.TIMEOUT);
    }

    OnChainTransaction awaitFinal(String id) {
        await().atMost(PartnerSandbox.TIMEOUT)
                .until(() -> wallets.status(id).block(PartnerSandbox.TIMEOUT).state() != State.PENDING);
        return wallets.status(id).block(PartnerSandbox.TIMEOUT);
    }

    /** A new wallet of the sandbox's Circle on {@code blockchain}, credited with {@code usdc}. */
    UUID fundedWallet(String blockchain, String usdc) {
        UUID id =
                UUID.fromString((String) wallet(properties, circle, blockchain).get("id"));
        SANDBOX.controlPost("/circle/wallets/{id}/credit", Map.of("amount", usdc), id);
        return id;
    }

    /** A new wallet of the sandbox's Circle on {@code blockchain}, made as wallet-service makes them: its id, address. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> wallet(CircleProperties properties, WebClient circle, String blockchain) {
        EntitySecretCiphertexts ciphertexts = new EntitySecretCiphertexts(
                HexFormat.of().parseHex(properties.entitySecret()),
                circle.get()
                        .uri(EntitySecretCiphertexts.PUBLIC_KEY_PATH)
                        .retrieve()
                        .bodyToMono(EntitySecretCiphertexts.PublicKeyAnswer.class)
                        .map(EntitySecretCiphertexts.PublicKeyAnswer::pem));
        Map<String, Object> walletSet = (Map<String, Object>)
                data(create(circle, "/v1/w3s/developer/walletSets", ciphertexts, Map.of("name", "funding-tests")))
                        .get("walletSet");
        List<Map<String, Object>> made = (List<Map<String, Object>>) data(create(
                        circle,
                        "/v1/w3s/developer/wallets",
                        ciphertexts,
                        Map.of("walletSetId", walletSet.get("id"), "blockchains", List.of(blockchain), "count", 1)))
                .get("wallets");
        return made.get(0);
    }

    static Map<String, Object> create(
            WebClient circle, String path, EntitySecretCiphertexts ciphertexts, Map<String, Object> fields) {
        return ciphertexts
                .next()
                .flatMap(ciphertext -> {
                    Map<String, Object> body = new java.util.HashMap<>(fields);
                    body.put("idempotencyKey", UUID.randomUUID().toString());
                    body.put("entitySecretCiphertext", ciphertext);
                    return circle.post()
                            .uri(path)
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(body)
                            .retrieve()
                            .bodyToMono(PartnerSandbox.JSON_OBJECT);
                })
                .switchIfEmpty(Mono.error(new AssertionError("no answer")))
                .block(PartnerSandbox.TIMEOUT);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Map<String, Object> body) {
        return (Map<String, Object>) body.get("data");
    }

    /** Every outbound transaction of the sandbox's Circle with this refId from the wallet. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> transactions(String refId, UUID wallet) {
        return (List<Map<String, Object>>)
                SANDBOX.controlGet("/circle/transactions?refId={refId}&walletId={wallet}", refId, wallet)
                        .get("transactions");
    }

    static String balance(UUID wallet) {
        return (String)
                SANDBOX.controlGet("/circle/wallets/{id}/balance", wallet).get("amount");
    }
}
