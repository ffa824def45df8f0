package com.stack.funding.partner.adapters.due;

import static com.stack.funding.partner.adapters.PartnerSandbox.ethereumAddress;
import static com.stack.funding.partner.adapters.PartnerSandbox.solanaAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.stack.funding.deposit.app.OffRamp;
import com.stack.funding.partner.adapters.OnRampAdapterTest;
import com.stack.funding.partner.adapters.PartnerSandbox;
import com.stack.funding.shared.domain.Chain;
import com.stack.funding.withdrawal.app.OnRamp;
import com.stack.funding.withdrawal.app.OnRamp.OnRampTransfer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Due's USD -> USDC transfers as the on-ramp, against the partner sandbox over HTTP: quoted and made from the user's
 * virtual account once the USD is in it (the broker's wire; here the sandbox's credit), read back, settled, repeated
 * under one key (with a fresh quote), refused (also when the USD is not in the account), failed, and Due answering
 * 503; and the off-ramp on the same client still paying the broker's account.
 */
class DueOnRampTest extends OnRampAdapterTest {

    final DueProperties properties = PartnerSandbox.properties(
            "stack.due",
            DueProperties.class,
            Map.of(
                    "stack.due.base-url", SANDBOX.url("/due"),
                    "stack.due.resilience.initial-backoff", "10ms",
                    "stack.due.resilience.max-backoff", "20ms"));
    final DueClient due = new DueClient(WebClient.builder(), properties);
    /** Kept in memory: the database's side is {@link DueVirtualAccountsTest}'s. */
    final Map<String, DueVirtualAccount> kept = new ConcurrentHashMap<>();

    final DueVirtualAccounts virtualAccounts = new DueVirtualAccounts(due, new DueVirtualAccount.Store() {
        @Override
        public Mono<DueVirtualAccount> find(UUID userId, Chain chain) {
            return Mono.justOrEmpty(kept.get(DueVirtualAccount.referenceOf(userId, chain)));
        }

        @Override
        public Mono<DueVirtualAccount> keep(DueVirtualAccount account) {
            return Mono.just(kept.computeIfAbsent(account.reference(), reference -> account));
        }
    });
    final OnRamp onRamp = new DueOnRamp(due, virtualAccounts, properties);

    /**
     * The user's virtual account holds the withdrawal's USD first, as the broker's wire into it leaves it (an address
     * Due refuses an account for gets none: the on-ramp is refused as before).
     */
    @Override
    protected OnRampTransfer initiate(UUID withdrawal, String usd, Chain chain, String address, UUID key) {
        UUID user = UUID.nameUUIDFromBytes(address.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        virtualAccounts
                .forUser(user, chain, address)
                .onErrorResume(com.stack.funding.partner.adapters.PartnerCallException.class, e -> Mono.empty())
                .blockOptional(PartnerSandbox.TIMEOUT)
                .ifPresent(account -> credit(account.virtualAccountId(), usd));
        return super.initiate(withdrawal, usd, chain, address, key);
    }

    static void credit(String virtualAccountId, String usd) {
        SANDBOX.controlPost(
                "/due/virtual_accounts/{id}/credit",
                Map.of("amount", new BigDecimal(usd).setScale(2).toPlainString()),
                virtualAccountId);
    }

    /** The virtual account's USD balance at Due. */
    static BigDecimal balance(String virtualAccountId) {
        return ((List<?>) SANDBOX.controlGet("/due/virtual_accounts").get("virtualAccounts"))
                .stream()
                        .map(account -> (Map<?, ?>) account)
                        .filter(account -> virtualAccountId.equals(account.get("id")))
                        .map(account -> new BigDecimal((String) account.get("balance")))
                        .findFirst()
                        .orElseThrow();
    }

    @Override
    protected OnRamp onRamp() {
        return onRamp;
    }

    @AfterEach
    void noFaultsNorFlags() {
        SANDBOX.clearFaults();
        SANDBOX.controlPost("/due/transfers/fail-next", Map.of("count", 0));
    }

    @Test
    void anOnRampIsPendingThenCompletedAndReadBackByItsId() {
        String address = ethereumAddress();
        UUID withdrawal = UUID.randomUUID();
        OnRampTransfer made = initiate(withdrawal, "12.3", Chain.ETHEREUM, address, UUID.randomUUID());

        assertThat(made.status()).isEqualTo(OnRamp.Status.PENDING);
        assertThat(made.partnerTransferId()).startsWith("tf_");
        assertThat(awaitFinal(made.partnerTransferId()))
                .isEqualTo(new OnRampTransfer(made.partnerTransferId(), OnRamp.Status.COMPLETE, null));
        assertThat(sentTo(address)).singleElement().satisfies(transfer -> {
            assertThat(transfer.get("source")).isEqualTo(Map.of("rail", "ach", "currency", "USD", "amount", "12.30"));
            assertThat(transfer.get("destination"))
                    .isEqualTo(Map.of("rail", "ethereum", "currency", "USDC", "amount", "12.300000"));
            assertThat(transfer.get("memo")).isEqualTo("STACK withdrawal " + withdrawal);
            assertThat(transfer.get("sender"))
                    .isEqualTo(kept.values().stream()
                            .filter(account -> account.destination().equals(address))
                            .findFirst()
                            .orElseThrow()
                            .virtualAccountId());
        });
        assertThat(onRamp.partner()).isEqualTo("due");
    }

    @Test
    void aSolanaWithdrawalArrivesOnTheSolanaRail() {
        String address = solanaAddress();
        OnRampTransfer made = initiate("4.00", Chain.SOLANA, address, UUID.randomUUID());

        assertThat(awaitFinal(made.partnerTransferId()).status()).isEqualTo(OnRamp.Status.COMPLETE);
        assertThat(sentTo(address))
                .singleElement()
                .extracting(transfer -> transfer.get("destination"))
                .isEqualTo(Map.of("rail", "solana", "currency", "USDC", "amount", "4.000000"));
    }

    @Test
    void theSameKeyAgainIsTheSameTransferThoughItCarriesAFreshQuote() {
        String address = ethereumAddress();
        UUID withdrawal = UUID.randomUUID();
        UUID key = UUID.randomUUID();
        OnRampTransfer first = initiate(withdrawal, "6.00", Chain.ETHEREUM, address, key);
        awaitFinal(first.partnerTransferId());

        OnRampTransfer again = initiate(withdrawal, "6.00", Chain.ETHEREUM, address, key);

        assertThat(again).isEqualTo(new OnRampTransfer(first.partnerTransferId(), OnRamp.Status.COMPLETE, null));
        assertThat(sentTo(address)).hasSize(1);
    }

    @Test
    void dueRefusingTheRequestIsARefusal() {
        assertThatThrownBy(() -> initiate("1.00", Chain.ETHEREUM, "0x1234", UUID.randomUUID()))
                .isInstanceOf(OnRamp.OnRampRefusedException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("invalid_request");
        // a Solana address for Ethereum
        String solana = solanaAddress();
        assertThatThrownBy(() -> initiate("1.00", Chain.ETHEREUM, solana, UUID.randomUUID()))
                .isInstanceOf(OnRamp.OnRampRefusedException.class);
        assertThat(sentTo(solana)).isEmpty();
        assertThatThrownBy(() -> onRamp.status("tf_unknown").block(PartnerSandbox.TIMEOUT))
                .isInstanceOf(OnRamp.OnRampRefusedException.class)
                .hasMessageContaining("HTTP 404");
        assertThatThrownBy(() -> onRamp.status("../quote").block(PartnerSandbox.TIMEOUT))
                .isInstanceOf(OnRamp.OnRampRefusedException.class)
                .hasMessageContaining("Not a Due transfer id");
    }

    @Test
    void withoutTheUsdInTheVirtualAccountTheOnRampIsRefusedAndTheBalanceIsKept() {
        String address = ethereumAddress();
        UUID user = UUID.nameUUIDFromBytes(address.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String account = virtualAccounts
                .forUser(user, Chain.ETHEREUM, address)
                .block(PartnerSandbox.TIMEOUT)
                .virtualAccountId();
        credit(account, "2.00");

        assertThatThrownBy(() -> onRamp.initiate(
                                user,
                                UUID.randomUUID(),
                                new BigDecimal("2.01"),
                                Chain.ETHEREUM,
                                address,
                                UUID.randomUUID())
                        .block(PartnerSandbox.TIMEOUT))
                .isInstanceOf(OnRamp.OnRampRefusedException.class)
                .hasMessageContaining("insufficient_funds");
        assertThat(sentTo(address)).isEmpty();
        assertThat(balance(account)).isEqualByComparingTo("2.00");
    }

    @Test
    void aFailedOnRampPutsTheUsdBackInTheVirtualAccount() {
        SANDBOX.controlPost("/due/transfers/fail-next", Map.of("count", 1, "failureReason", "compliance_hold"));
        String address = ethereumAddress();

        OnRampTransfer made = initiate("5.00", Chain.ETHEREUM, address, UUID.randomUUID());

        assertThat(awaitFinal(made.partnerTransferId()).status()).isEqualTo(OnRamp.Status.FAILED);
        String account = kept.values().stream()
                .filter(kept -> kept.destination().equals(address))
                .findFirst()
                .orElseThrow()
                .virtualAccountId();
        assertThat(balance(account)).isEqualByComparingTo("5.00");
    }

    @Test
    void withoutTheUserDueIsNotAsked() {
        String address = ethereumAddress();
        assertThatThrownBy(() -> onRamp.initiate(
                                UUID.randomUUID(), new BigDecimal("1.00"), Chain.ETHEREUM, address, UUID.randomUUID())
                        .block(PartnerSandbox.TIMEOUT))
                .isInstanceOf(OnRamp.OnRampRefusedException.class)
                .hasMessageContaining("virtual account");
        assertThat(sentTo(address)).isEmpty();
    }

    @Test
    void aFailedOnRampIsReadWithDuesFailureReason() {
        SANDBOX.controlPost("/due/transfers/fail-next", Map.of("count", 1, "failureReason", "compliance_hold"));

        OnRampTransfer made = initiate("2.00", Chain.ETHEREUM, ethereumAddress(), UUID.randomUUID());

        assertThat(awaitFinal(made.partnerTransferId()))
                .isEqualTo(new OnRampTransfer(made.partnerTransferId(), OnRamp.Status.FAILED, "compliance_hold"));
    }

    @Test
    void a503IsAskedAgainUnderTheSameKeyAndOneThatLastsIsUnavailable() {
        String address = ethereumAddress();
        SANDBOX.fault("due", "POST", "/v1/transfers", 503, 2);

        OnRampTransfer made = initiate("3.00", Chain.ETHEREUM, address, UUID.randomUUID());

        assertThat(made.status()).isEqualTo(OnRamp.Status.PENDING);
        assertThat(sentTo(address)).hasSize(1);

        SANDBOX.fault("due", "POST", "/v1/transfers/quote", 503, 3);
        String other = ethereumAddress();
        assertThatThrownBy(() -> initiate("3.00", Chain.ETHEREUM, other, UUID.randomUUID()))
                .isInstanceOf(OnRamp.OnRampUnavailableException.class)
                .hasMessageContaining("HTTP 503");
        assertThat(sentTo(other)).isEmpty();
    }

    @Test
    void theOffRampOnTheSameClientStillPaysTheBrokersAccountOnce() {
        OffRamp offRamp = new DueOffRamp(due, properties);
        UUID deposit = UUID.randomUUID();
        UUID key = UUID.randomUUID();

        OffRamp.OffRampTransfer first =
                offRamp.initiate(deposit, new BigDecimal("8.00"), key).block(PartnerSandbox.TIMEOUT);
        OffRamp.OffRampTransfer again =
                offRamp.initiate(deposit, new BigDecimal("8.00"), key).block(PartnerSandbox.TIMEOUT);

        assertThat(again.partnerTransferId())
                .isEqualTo(first.partnerTransferId())
                .startsWith("tf_");
        assertThat(due.read(first.partnerTransferId())
                        .block(PartnerSandbox.TIMEOUT)
                        .memo())
                .isEqualTo("STACK deposit " + deposit);
        assertThatThrownBy(() -> offRamp.status("tf_unknown").block(PartnerSandbox.TIMEOUT))
                .isInstanceOf(OffRamp.OffRampRefusedException.class);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected List<Map<String, Object>> sentTo(String address) {
        return (List<Map<String, Object>>) SANDBOX.controlGet("/due/transfers?destinationAddress={address}", address)
                .get("transfers");
    }
}
