package com.stack.funding.partner.adapters.due;

import static com.stack.funding.partner.adapters.PartnerSandbox.ethereumAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.stack.defaults.partners.alpaca.AlpacaConnection;
import com.stack.funding.broker.app.Brokerage;
import com.stack.funding.partner.adapters.PartnerSandbox;
import com.stack.funding.partner.adapters.alpaca.AlpacaBalances;
import com.stack.funding.partner.adapters.alpaca.AlpacaClient;
import com.stack.funding.partner.adapters.alpaca.AlpacaFundingEvents;
import com.stack.funding.partner.adapters.alpaca.AlpacaProperties;
import com.stack.funding.shared.domain.Chain;
import com.stack.funding.withdrawal.domain.Withdrawal;
import com.stack.funding.withdrawal.domain.WithdrawalStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Alpaca/Due withdrawal's money path against the partner sandbox over HTTP, without the saga: Alpaca wires the
 * USD into the user's Due virtual account (the payee Due names), and when the on-ramp cannot take it, Due wires it
 * back from the virtual account to Alpaca's incoming wire instructions for the user's account: one Due recipient,
 * kept; the refund's wire arrives INCOMING with the memo naming the withdrawal and the cash is back, once, however
 * often the refund is asked for under its key; a failed Due transfer is a failed refund with the USD back in the
 * virtual account. Alpaca's funding events of these wires read as funding's parser reads them.
 */
class DueWireRefundTest {

    static final PartnerSandbox SANDBOX = PartnerSandbox.shared();
    static final JsonMapper JSON = JsonMapper.builder().build();

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
    final DueClient due = DueVirtualAccountsTest.dueClient();
    final Map<String, DueVirtualAccount> keptAccounts = new ConcurrentHashMap<>();
    final DueVirtualAccount.Store accounts = new DueVirtualAccount.Store() {
        @Override
        public Mono<DueVirtualAccount> find(UUID userId, Chain chain) {
            return Mono.justOrEmpty(keptAccounts.get(DueVirtualAccount.referenceOf(userId, chain)));
        }

        @Override
        public Mono<DueVirtualAccount> keep(DueVirtualAccount account) {
            return Mono.just(keptAccounts.computeIfAbsent(account.reference(), reference -> account));
        }
    };
    final Map<String, String> keptRecipients = new ConcurrentHashMap<>();
    final DueWireRefund.Recipients recipients = new DueWireRefund.Recipients() {
        @Override
        public Mono<String> find(String routingNumber, String accountNumber) {
            return Mono.justOrEmpty(keptRecipients.get(routingNumber + "/" + accountNumber));
        }

        @Override
        public Mono<String> keep(String routingNumber, String accountNumber, String bankName, String recipientId) {
            return Mono.just(keptRecipients.computeIfAbsent(routingNumber + "/" + accountNumber, key -> recipientId));
        }
    };
    final DueVirtualAccountPayee payee = new DueVirtualAccountPayee(new DueVirtualAccounts(due, accounts));
    final DueWireRefund refund = new DueWireRefund(due, accounts, recipients, alpaca, "bank_us");

    @AfterEach
    void noFaultsNorFlags() {
        SANDBOX.clearFaults();
        SANDBOX.controlPost("/due/transfers/fail-next", Map.of("count", 0));
    }

    @Test
    void theWireOutLandsInTheVirtualAccountAndTheRefundsWireInLandsBackOnce() {
        UUID user = UUID.randomUUID();
        Brokerage.Account account = accountWith("20.00");
        Withdrawal withdrawal = withdrawal(user, "11.00");
        String virtualAccount = wiredIntoVirtualAccount(user, account, withdrawal);
        assertThat(cash(account)).isEqualByComparingTo("9.00");
        assertThat(DueOnRampTest.balance(virtualAccount)).isEqualByComparingTo("11.00");

        UUID key = UUID.randomUUID();
        Brokerage.Transfer requested = refund.refund(withdrawal, account, key).block(PartnerSandbox.TIMEOUT);
        Brokerage.Transfer again = refund.refund(withdrawal, account, key).block(PartnerSandbox.TIMEOUT);

        assertThat(requested.transferId()).startsWith("tf_");
        assertThat(requested.status()).isEqualTo(Brokerage.Status.PENDING);
        assertThat(again.transferId()).isEqualTo(requested.transferId());
        assertThat(DueOnRampTest.balance(virtualAccount)).isEqualByComparingTo("0.00");
        Brokerage.Transfer done = await().atMost(PartnerSandbox.TIMEOUT)
                .until(
                        () -> refund.status(withdrawal, account, requested.transferId())
                                .block(PartnerSandbox.TIMEOUT),
                        transfer -> transfer.status() != Brokerage.Status.PENDING);
        assertThat(done.status()).isEqualTo(Brokerage.Status.COMPLETE);
        assertThat(cash(account)).isEqualByComparingTo("20.00");
        List<Brokerage.IncomingWire> in =
                alpaca.incomingWires(account).collectList().block(PartnerSandbox.TIMEOUT);
        assertThat(in)
                .singleElement()
                .isEqualTo(new Brokerage.IncomingWire(
                        done.transferId(),
                        Brokerage.Status.COMPLETE,
                        new BigDecimal("11.00"),
                        "STACK refund of withdrawal " + withdrawal.id()));
        assertThat(keptRecipients)
                .hasSize(1)
                .containsValue(
                        dueTransfer(requested.transferId()).get("recipient").toString());
        assertThat(dueTransfer(requested.transferId()).get("sender")).isEqualTo(virtualAccount);
        assertThat(dueTransfer(requested.transferId()).get("memo"))
                .isEqualTo("STACK refund of withdrawal " + withdrawal.id());
        // Alpaca's events of both wires, as funding's stream reads them
        assertThat(events(done.transferId()))
                .extracting(AlpacaFundingEvents.Event::direction)
                .containsOnly(AlpacaFundingEvents.Direction.INCOMING);
        assertThat(events(done.transferId()))
                .last()
                .extracting(AlpacaFundingEvents.Event::status)
                .isEqualTo(Brokerage.Status.COMPLETE);
    }

    @Test
    void aSecondRefundOfTheUserGoesToTheSameRecipient() {
        UUID user = UUID.randomUUID();
        Brokerage.Account account = accountWith("10.00");
        Withdrawal first = withdrawal(user, "3.00");
        Withdrawal second = withdrawal(user, "4.00");
        wiredIntoVirtualAccount(user, account, first);
        wiredIntoVirtualAccount(user, account, second);

        Brokerage.Transfer one =
                refund.refund(first, account, UUID.randomUUID()).block(PartnerSandbox.TIMEOUT);
        Brokerage.Transfer two =
                refund.refund(second, account, UUID.randomUUID()).block(PartnerSandbox.TIMEOUT);

        assertThat(keptRecipients).hasSize(1);
        assertThat(dueTransfer(one.transferId()).get("recipient"))
                .isEqualTo(dueTransfer(two.transferId()).get("recipient"));
        await().atMost(PartnerSandbox.TIMEOUT)
                .until(() -> refund.status(second, account, two.transferId())
                                .block(PartnerSandbox.TIMEOUT)
                                .status()
                        == Brokerage.Status.COMPLETE);
        await().atMost(PartnerSandbox.TIMEOUT).until(() -> cash(account).compareTo(new BigDecimal("10.00")) == 0);
    }

    @Test
    void aFailedDueTransferIsAFailedRefundAndTheUsdIsBackInTheVirtualAccount() {
        UUID user = UUID.randomUUID();
        Brokerage.Account account = accountWith("6.00");
        Withdrawal withdrawal = withdrawal(user, "6.00");
        String virtualAccount = wiredIntoVirtualAccount(user, account, withdrawal);
        SANDBOX.controlPost("/due/transfers/fail-next", Map.of("count", 1, "failureReason", "compliance_hold"));

        Brokerage.Transfer requested =
                refund.refund(withdrawal, account, UUID.randomUUID()).block(PartnerSandbox.TIMEOUT);

        Brokerage.Transfer failed = await().atMost(PartnerSandbox.TIMEOUT)
                .until(
                        () -> refund.status(withdrawal, account, requested.transferId())
                                .block(PartnerSandbox.TIMEOUT),
                        transfer -> transfer.status() != Brokerage.Status.PENDING);
        assertThat(failed.status()).isEqualTo(Brokerage.Status.FAILED);
        assertThat(failed.reason()).contains("compliance_hold");
        assertThat(DueOnRampTest.balance(virtualAccount)).isEqualByComparingTo("6.00");
        assertThat(cash(account)).isEqualByComparingTo("0.00");
    }

    /** Alpaca's wire of the withdrawal into the user's virtual account, complete; the virtual account's id. */
    String wiredIntoVirtualAccount(UUID user, Brokerage.Account account, Withdrawal withdrawal) {
        String custody = keptAccounts.values().stream()
                .filter(kept -> kept.userId().equals(user))
                .findFirst()
                .map(DueVirtualAccount::destination)
                .orElseGet(PartnerSandbox::ethereumAddress);
        Brokerage.PayeeBank bank = payee.payeeOf(user, Chain.ETHEREUM, custody).block(PartnerSandbox.TIMEOUT);
        Brokerage.Transfer wire = alpaca.withdrawTo(
                        account, withdrawal.id(), withdrawal.amountUsd(), bank, UUID.randomUUID())
                .block(PartnerSandbox.TIMEOUT);
        await().atMost(PartnerSandbox.TIMEOUT)
                .until(() -> alpaca.withdrawalStatus(account, wire.transferId())
                                .block(PartnerSandbox.TIMEOUT)
                                .status()
                        == Brokerage.Status.COMPLETE);
        assertThat(events(wire.transferId()))
                .extracting(AlpacaFundingEvents.Event::direction)
                .containsOnly(AlpacaFundingEvents.Direction.OUTGOING);
        return keptAccounts
                .get(DueVirtualAccount.referenceOf(user, Chain.ETHEREUM))
                .virtualAccountId();
    }

    static Withdrawal withdrawal(UUID user, String usd) {
        return new Withdrawal(
                UUID.randomUUID(),
                user,
                new BigDecimal(usd),
                Chain.ETHEREUM,
                ethereumAddress(),
                WithdrawalStatus.FAILED,
                null,
                "on-ramp refused",
                5,
                Instant.now(),
                Instant.now());
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

    static Map<?, ?> dueTransfer(String id) {
        return ((List<?>) SANDBOX.controlGet("/due/transfers").get("transfers"))
                .stream()
                        .map(transfer -> (Map<?, ?>) transfer)
                        .filter(transfer -> id.equals(transfer.get("id")))
                        .findFirst()
                        .orElseThrow();
    }

    /** The transfer's events on Alpaca's funding status stream, read by funding's parser. */
    static List<AlpacaFundingEvents.Event> events(String transferId) {
        return ((List<?>) SANDBOX.controlGet("/alpaca/funding-events?transfer_id={id}", transferId)
                        .get("events"))
                .stream()
                        .map(event -> AlpacaFundingEvents.event(JSON.writeValueAsString(event)))
                        .toList();
    }
}
