package com.stack.funding.partner.adapters.alpaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.stack.defaults.partners.alpaca.AlpacaConnection;
import com.stack.funding.broker.app.Brokerage;
import com.stack.funding.partner.adapters.PartnerSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Alpaca paying a withdrawal out by wire, against the partner sandbox over HTTP: the payee made a recipient bank of
 * the account once (found after, also when two attempts race and one is answered 409), an OUTGOING wire under the
 * command's key (the same key is the same wire, its cash taken once; another body under it refused), insufficient cash
 * refused, a rejected wire read back as failed with its cash returned, and the wire's status read back by id from the
 * account's transfers (a journal's by the journal read).
 */
class AlpacaWiresTest {

    static final PartnerSandbox SANDBOX = PartnerSandbox.shared();

    final AlpacaConnection connection = PartnerSandbox.properties(
            "stack.alpaca",
            AlpacaConnection.class,
            Map.of(
                    "stack.alpaca.base-url", SANDBOX.url("/alpaca"),
                    "stack.alpaca.resilience.initial-backoff", "10ms",
                    "stack.alpaca.resilience.max-backoff", "20ms"));
    final AlpacaClient alpaca = new AlpacaClient(
            WebClient.builder(),
            connection,
            PartnerSandbox.properties("stack.alpaca", AlpacaProperties.class, Map.of()));

    @AfterEach
    void noFaultsNorFlags() {
        SANDBOX.clearFaults();
        SANDBOX.controlPost("/alpaca/transfers/reject-next", Map.of("count", 0));
    }

    @Test
    void aWireGoesToThePayeeMadeARecipientBankOnceAndCompletes() {
        Brokerage.Account account = accountWith("50.00");
        Brokerage.PayeeBank payee = payee();
        UUID withdrawal = UUID.randomUUID();

        Brokerage.Transfer wire = wire(account, withdrawal, "11.00", payee, UUID.randomUUID());
        Brokerage.Transfer second = wire(account, UUID.randomUUID(), "4.00", payee, UUID.randomUUID());

        assertThat(wire.status()).isEqualTo(Brokerage.Status.PENDING);
        assertThat(banks(account))
                .singleElement()
                .satisfies(bank -> assertThat(bank)
                        .containsEntry("bank_code", payee.routingNumber())
                        .containsEntry("bank_code_type", "ABA")
                        .containsEntry("account_number", payee.accountNumber())
                        .containsEntry("status", "APPROVED"));
        assertThat(transfers(account))
                .hasSize(2)
                .anySatisfy(transfer -> assertThat(transfer)
                        .containsEntry("id", wire.transferId())
                        .containsEntry("direction", "OUTGOING")
                        .containsEntry("amount", "11.00")
                        .containsEntry("type", "wire")
                        .containsEntry("bank_id", banks(account).get(0).get("id"))
                        .containsEntry("additional_information", "STACK withdrawal " + withdrawal));
        assertThat(cash(account)).isEqualByComparingTo("35.00");
        await().atMost(PartnerSandbox.TIMEOUT)
                .until(
                        () -> status(account, wire.transferId()).status(),
                        status -> status == Brokerage.Status.COMPLETE);
        assertThat(status(account, second.transferId()).transferId()).isEqualTo(second.transferId());
        assertThat(alpaca.wiresToBanks()).isTrue();
    }

    @Test
    void theSameKeyIsTheSameWireAndAnotherBodyUnderItIsRefusedUnlessTheWithdrawalsWireWentOut() {
        Brokerage.Account account = accountWith("30.00");
        Brokerage.PayeeBank payee = payee();
        UUID withdrawal = UUID.randomUUID();
        UUID key = UUID.randomUUID();

        Brokerage.Transfer first = wire(account, withdrawal, "10.00", payee, key);
        Brokerage.Transfer again = wire(account, withdrawal, "10.00", payee, key);

        assertThat(again.transferId()).isEqualTo(first.transferId());
        assertThat(transfers(account)).hasSize(1);
        assertThat(cash(account)).isEqualByComparingTo("20.00");
        // another withdrawal's body under the key: refused, nothing moved
        assertThatThrownBy(() -> wire(account, UUID.randomUUID(), "10.01", payee, key))
                .isInstanceOf(Brokerage.BrokerRefusedException.class)
                .hasMessageContaining("HTTP 422");
        assertThat(transfers(account)).hasSize(1);
        // the same withdrawal refused (a retry whose body changed): its wire went out, so that wire is the answer, not
        // a refusal that would release the hold
        assertThat(wire(account, withdrawal, "10.01", payee, key).transferId()).isEqualTo(first.transferId());
        assertThat(transfers(account)).hasSize(1);
        assertThat(cash(account)).isEqualByComparingTo("20.00");
    }

    @Test
    void twoAttemptsAtOnceMakeOneRecipientBank() {
        Brokerage.Account account = accountWith("1.00");
        Brokerage.PayeeBank payee = payee();

        List<String> ids = Mono.zip(
                        alpaca.recipientBank(account, payee).subscribeOn(Schedulers.parallel()),
                        alpaca.recipientBank(account, payee).subscribeOn(Schedulers.parallel()),
                        alpaca.recipientBank(account, payee).subscribeOn(Schedulers.parallel()))
                .map(all -> List.of(all.getT1(), all.getT2(), all.getT3()))
                .block(PartnerSandbox.TIMEOUT);

        assertThat(ids).containsOnly(ids.get(0));
        assertThat(banks(account))
                .singleElement()
                .extracting(bank -> bank.get("id"))
                .isEqualTo(ids.get(0));
    }

    @Test
    void notEnoughCashIsARefusalAndMovesNothing() {
        Brokerage.Account account = accountWith("5.00");

        assertThatThrownBy(() -> wire(account, UUID.randomUUID(), "5.01", payee(), UUID.randomUUID()))
                .isInstanceOf(Brokerage.BrokerRefusedException.class)
                .hasMessageContaining("HTTP 403")
                .hasMessageContaining("insufficient");
        assertThat(transfers(account)).isEmpty();
        assertThat(cash(account)).isEqualByComparingTo("5.00");
    }

    @Test
    void aRejectedWireIsReadBackFailedAndItsCashIsBack() {
        Brokerage.Account account = accountWith("8.00");
        SANDBOX.controlPost("/alpaca/transfers/reject-next", Map.of("count", 1));

        Brokerage.Transfer wire = wire(account, UUID.randomUUID(), "8.00", payee(), UUID.randomUUID());

        Brokerage.Transfer failed = await().atMost(PartnerSandbox.TIMEOUT)
                .until(
                        () -> status(account, wire.transferId()),
                        transfer -> transfer.status() != Brokerage.Status.PENDING);
        assertThat(failed.status()).isEqualTo(Brokerage.Status.FAILED);
        assertThat(failed.reason()).startsWith("wire REJECTED");
        assertThat(cash(account)).isEqualByComparingTo("8.00");
    }

    @Test
    void aJournalsStatusIsStillReadByTheJournal() {
        Brokerage.Account account = accountWith("6.00");
        Brokerage.Transfer journal = alpaca.withdraw(
                        account, UUID.randomUUID(), new BigDecimal("6.00"), UUID.randomUUID())
                .block(PartnerSandbox.TIMEOUT);

        assertThat(status(account, journal.transferId()).transferId()).isEqualTo(journal.transferId());
        assertThatThrownBy(() -> status(account, UUID.randomUUID().toString()))
                .isInstanceOf(Brokerage.BrokerRefusedException.class)
                .hasMessageContaining("HTTP 404");
    }

    @Test
    void aFiveHundredIsAskedAgainAndTheWireIsMadeOnce() {
        Brokerage.Account account = accountWith("9.00");
        SANDBOX.fault("alpaca", "POST", "/v1/accounts/*/transfers", 503, 2);

        wire(account, UUID.randomUUID(), "9.00", payee(), UUID.randomUUID());

        assertThat(transfers(account)).hasSize(1);
        assertThat(cash(account)).isEqualByComparingTo("0.00");
    }

    Brokerage.Transfer wire(
            Brokerage.Account account, UUID withdrawal, String usd, Brokerage.PayeeBank payee, UUID key) {
        return alpaca.withdrawTo(account, withdrawal, new BigDecimal(usd), payee, key)
                .block(PartnerSandbox.TIMEOUT);
    }

    Brokerage.Transfer status(Brokerage.Account account, String transferId) {
        return alpaca.withdrawalStatus(account, transferId).block(PartnerSandbox.TIMEOUT);
    }

    /** A bank account outside Alpaca: a routing number of no emulated bank, a random account number. */
    static Brokerage.PayeeBank payee() {
        return new Brokerage.PayeeBank(
                String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L)),
                "011000015",
                "Some Bank");
    }

    Brokerage.Account accountWith(String cash) {
        Brokerage.Account account =
                alpaca.openAccount(UUID.randomUUID(), UUID.randomUUID()).block(PartnerSandbox.TIMEOUT);
        SANDBOX.controlPut("/alpaca/accounts/{id}/cash", Map.of("cash", cash), account.accountId());
        return account;
    }

    BigDecimal cash(Brokerage.Account account) {
        return new AlpacaBalances(WebClient.builder(), connection)
                .cash(account)
                .block(PartnerSandbox.TIMEOUT)
                .balance();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> banks(Brokerage.Account account) {
        return (List<Map<String, Object>>) (List<?>) WebClient.builder()
                .baseUrl(SANDBOX.url("/alpaca"))
                .build()
                .get()
                .uri("/v1/accounts/{id}/recipient_banks", account.accountId())
                .headers(headers -> headers.setBasicAuth("alpaca_local_key", "alpaca_local_secret"))
                .retrieve()
                .bodyToMono(List.class)
                .block(PartnerSandbox.TIMEOUT);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> transfers(Brokerage.Account account) {
        return (List<Map<String, Object>>) SANDBOX.controlGet("/alpaca/transfers?account={id}", account.accountId())
                .get("transfers");
    }
}
