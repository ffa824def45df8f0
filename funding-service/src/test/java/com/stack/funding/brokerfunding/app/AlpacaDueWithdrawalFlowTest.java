package com.stack.funding.brokerfunding.app;

import static com.stack.funding.partner.adapters.PartnerSandbox.ethereumAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.defaults.partners.alpaca.AlpacaConnection;
import com.stack.funding.FundingServiceTest;
import com.stack.funding.broker.adapters.BrokerAccountRepository;
import com.stack.funding.broker.app.Brokerage;
import com.stack.funding.deposit.adapters.DepositRepository;
import com.stack.funding.deposit.app.DepositTransitions;
import com.stack.funding.inbox.app.PartnerInbox;
import com.stack.funding.inbox.domain.InboxOutcome;
import com.stack.funding.ledger.app.Ledger;
import com.stack.funding.ledger.domain.LedgerPosting;
import com.stack.funding.partner.adapters.PartnerSandbox;
import com.stack.funding.partner.adapters.alpaca.AlpacaClient;
import com.stack.funding.partner.adapters.alpaca.AlpacaFundingEvents;
import com.stack.funding.partner.adapters.alpaca.AlpacaFundingStatusEvents;
import com.stack.funding.partner.adapters.alpaca.AlpacaProperties;
import com.stack.funding.partner.adapters.due.DueClient;
import com.stack.funding.partner.adapters.due.DueRecipientRepository;
import com.stack.funding.partner.adapters.due.DueVirtualAccountPayee;
import com.stack.funding.partner.adapters.due.DueVirtualAccountRepository;
import com.stack.funding.partner.adapters.due.DueVirtualAccounts;
import com.stack.funding.partner.adapters.due.DueVirtualAccountsTest;
import com.stack.funding.partner.adapters.due.DueWireRefund;
import com.stack.funding.saga.app.SagaCommandStore.Command;
import com.stack.funding.saga.app.SagaCommands;
import com.stack.funding.saga.domain.SagaCommand;
import com.stack.funding.shared.domain.Chain;
import com.stack.funding.shared.domain.Partners;
import com.stack.funding.wallet.adapters.KnownWalletRepository;
import com.stack.funding.wallet.domain.KnownWallet;
import com.stack.funding.withdrawal.adapters.WithdrawalRepository;
import com.stack.funding.withdrawal.app.WithdrawalTransitions;
import com.stack.funding.withdrawal.domain.Withdrawal;
import com.stack.funding.withdrawal.domain.WithdrawalLegs;
import com.stack.funding.withdrawal.domain.WithdrawalSaga;
import com.stack.funding.withdrawal.domain.WithdrawalStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Alpaca/Due withdrawal's broker step and its compensation, with funding's database and the partner sandbox:
 * INITIATE_BROKER_WITHDRAWAL finds or opens the user's Due virtual account and has Alpaca wire the USD into it; Alpaca's
 * funding events (each delivered twice, then all again) complete the broker step once; when the on-ramp fails,
 * REFUND_BROKER_WITHDRAWAL has Due wire the USD back to Alpaca's incoming wire instructions for the user's account, and
 * Alpaca's INCOMING wire, read back and matched by its memo, releases the hold once; the reconciler reads the same.
 */
class AlpacaDueWithdrawalFlowTest extends FundingServiceTest {

    static final PartnerSandbox SANDBOX = PartnerSandbox.shared();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WithdrawalRepository withdrawals;

    @Autowired
    KnownWalletRepository wallets;

    @Autowired
    BrokerAccountRepository accounts;

    @Autowired
    DepositRepository deposits;

    @Autowired
    DepositTransitions depositTransitions;

    @Autowired
    WithdrawalTransitions transitions;

    @Autowired
    SagaCommands commands;

    @Autowired
    Ledger ledger;

    @Autowired
    DatabaseClient db;

    @Autowired
    TransactionalOperator transactions;

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

    @AfterEach
    void noFaultsNorFlags() {
        SANDBOX.clearFaults();
    }

    BrokerFundingReports reports() {
        return new BrokerFundingReports(deposits, depositTransitions, withdrawals, transitions, Partners.ALPACA);
    }

    AlpacaFundingStatusEvents events() {
        return new AlpacaFundingStatusEvents(reports(), withdrawals, accounts, alpaca);
    }

    DueWireRefund refund() {
        return new DueWireRefund(
                due, new DueVirtualAccountRepository(db), new DueRecipientRepository(db), alpaca, "bank_us");
    }

    @Test
    void theBrokerStepWiresIntoTheVirtualAccountAndAlpacasEventsCompleteItOnce() {
        UUID user = UUID.randomUUID();
        Brokerage.Account account = alpacaAccount(user, "30.00");
        Withdrawal withdrawal = held(user, "11.00");

        Withdrawal completed = wiredOut(withdrawal, account);

        assertThat(completed.status()).isEqualTo(WithdrawalStatus.BROKER_WITHDRAWAL_COMPLETE);
        String virtualAccount = db.sql("SELECT virtual_account_id FROM due_virtual_accounts WHERE user_id = :user")
                .bind("user", user)
                .map(row -> row.get("virtual_account_id", String.class))
                .one()
                .block(PartnerSandbox.TIMEOUT);
        assertThat(DueVirtualAccountsTest.atDue(user, Chain.ETHEREUM))
                .singleElement()
                .satisfies(
                        at -> assertThat(at).containsEntry("id", virtualAccount).containsEntry("balance", "11.00"));
        assertThat(state(withdrawal.id(), SagaCommand.INITIATE_WITHDRAWAL_ON_RAMP))
                .isEqualTo("pending");
        assertThat(journals("withdrawal:" + withdrawal.id() + ":left_broker")).isEqualTo(1);
        // all the wire's events once more: nothing changes twice
        String wire =
                withdrawals.legs(withdrawal.id()).block(PartnerSandbox.TIMEOUT).brokerTransferId();
        assertThat(deliver(wire))
                .allSatisfy(outcome -> assertThat(outcome.kind()).isNotEqualTo(InboxOutcome.Kind.APPLIED));
        assertThat(journals("withdrawal:" + withdrawal.id() + ":left_broker")).isEqualTo(1);
        assertThat(AlpacaDueWithdrawalFlowTest.<Map<String, Object>>list(
                        "/alpaca/transfers?account={id}", account.accountId()))
                .singleElement()
                .satisfies(transfer -> assertThat(transfer)
                        .containsEntry("amount", "11.00")
                        .containsEntry("additional_information", "STACK withdrawal " + withdrawal.id()));
    }

    @Test
    void aRejectedWireFailsTheWithdrawalAndReleasesTheHold() {
        UUID user = UUID.randomUUID();
        Brokerage.Account account = alpacaAccount(user, "5.00");
        Withdrawal withdrawal = held(user, "5.00");
        SANDBOX.controlPost("/alpaca/transfers/reject-next", Map.of("count", 1));

        Withdrawal failed = wiredOut(withdrawal, account);

        assertThat(failed.status()).isEqualTo(WithdrawalStatus.FAILED);
        assertThat(failed.failureReason()).contains("REJECTED");
        assertThat(journals("withdrawal:" + withdrawal.id() + ":released")).isEqualTo(1);
    }

    @Test
    void theRefundWiresTheUsdBackAndAlpacasIncomingWireReleasesTheHoldOnce() {
        UUID user = UUID.randomUUID();
        Brokerage.Account account = alpacaAccount(user, "20.00");
        Withdrawal withdrawal = wiredOut(held(user, "9.00"), account);
        Withdrawal failed = transactions
                .transactional(transitions.failed(
                        withdrawal, (WithdrawalSaga.Move) WithdrawalSaga.onRampRefused(withdrawal, "compliance_hold")))
                .block(PartnerSandbox.TIMEOUT);
        assertThat(failed.status()).isEqualTo(WithdrawalStatus.FAILED);

        new BrokerRefundStep(withdrawals, accounts, alpaca, refund(), commands, reports())
                .execute(command(withdrawal.id(), SagaCommand.REFUND_BROKER_WITHDRAWAL))
                .block(PartnerSandbox.TIMEOUT);

        WithdrawalLegs refunding = withdrawals.legs(withdrawal.id()).block(PartnerSandbox.TIMEOUT);
        assertThat(refunding.brokerRefundTransferId()).startsWith("tf_");
        assertThat(refunding.compensationDone()).isFalse();
        Brokerage.IncomingWire in = await().atMost(PartnerSandbox.TIMEOUT)
                .until(
                        () -> alpaca.incomingWires(account).next().block(PartnerSandbox.TIMEOUT),
                        wire -> wire != null && wire.status() == Brokerage.Status.COMPLETE);
        assertThat(in.memo()).isEqualTo("STACK refund of withdrawal " + withdrawal.id());

        List<InboxOutcome> outcomes = deliver(in.transferId());

        assertThat(outcomes)
                .filteredOn(outcome -> outcome.kind() == InboxOutcome.Kind.APPLIED)
                .singleElement()
                .satisfies(outcome -> assertThat(outcome.reason()).isEqualTo("withdrawal_refunded"));
        assertThat(withdrawals
                        .legs(withdrawal.id())
                        .block(PartnerSandbox.TIMEOUT)
                        .compensationDone())
                .isTrue();
        assertThat(journals("withdrawal:" + withdrawal.id() + ":refunded")).isEqualTo(1);
        assertThat(deliver(in.transferId()))
                .allSatisfy(outcome -> assertThat(outcome.kind()).isNotEqualTo(InboxOutcome.Kind.APPLIED));
        assertThat(journals("withdrawal:" + withdrawal.id() + ":refunded")).isEqualTo(1);
        // the reconciler's read-back agrees
        assertThat(refund().status(failed, account, refunding.brokerRefundTransferId())
                        .block(PartnerSandbox.TIMEOUT)
                        .status())
                .isEqualTo(Brokerage.Status.COMPLETE);
    }

    /**
     * Runs INITIATE_BROKER_WITHDRAWAL on the Due path, then delivers the wire's events (each twice) once it ended;
     * the withdrawal after.
     */
    Withdrawal wiredOut(Withdrawal withdrawal, Brokerage.Account account) {
        transactions
                .transactional(commands.record(SagaCommand.INITIATE_BROKER_WITHDRAWAL, withdrawal.id()))
                .block(PartnerSandbox.TIMEOUT);
        BrokerWithdrawalStep step = new BrokerWithdrawalStep(
                withdrawals,
                accounts,
                alpaca,
                commands,
                transitions,
                reports(),
                new DueVirtualAccountPayee(new DueVirtualAccounts(due, new DueVirtualAccountRepository(db))),
                wallets);
        step.execute(command(withdrawal.id(), SagaCommand.INITIATE_BROKER_WITHDRAWAL))
                .block(PartnerSandbox.TIMEOUT);
        WithdrawalLegs initiated = withdrawals.legs(withdrawal.id()).block(PartnerSandbox.TIMEOUT);
        assertThat(initiated.withdrawal().status()).isEqualTo(WithdrawalStatus.BROKER_WITHDRAWAL_INITIATED);
        await().atMost(PartnerSandbox.TIMEOUT)
                .until(() -> alpaca.withdrawalStatus(account, initiated.brokerTransferId())
                                .block(PartnerSandbox.TIMEOUT)
                                .status()
                        != Brokerage.Status.PENDING);
        deliver(initiated.brokerTransferId());
        return withdrawals.findById(withdrawal.id()).block(PartnerSandbox.TIMEOUT);
    }

    /** Every event of the transfer on Alpaca's funding stream, each delivered twice, in one transaction each. */
    List<InboxOutcome> deliver(String transferId) {
        List<Map<String, Object>> events = list("/alpaca/funding-events?transfer_id={id}", transferId);
        return events.stream()
                .flatMap(event -> List.of(event, event).stream())
                .map(event -> {
                    String payload = JSON.writeValueAsString(event);
                    var message = new PartnerInbox.Message(
                            1,
                            Partners.ALPACA,
                            AlpacaFundingEvents.event(payload).eventId(),
                            AlpacaFundingEvents.STREAM,
                            payload,
                            0);
                    return transactions.transactional(events().handle(message)).block(PartnerSandbox.TIMEOUT);
                })
                .toList();
    }

    Brokerage.Account alpacaAccount(UUID user, String cash) {
        wallets.record(new KnownWallet(UUID.randomUUID(), user, Chain.ETHEREUM, ethereumAddress(), Instant.now(), null))
                .block(PartnerSandbox.TIMEOUT);
        Brokerage.Account account = alpaca.openAccount(user, UUID.randomUUID()).block(PartnerSandbox.TIMEOUT);
        SANDBOX.controlPut("/alpaca/accounts/{id}/cash", Map.of("cash", cash), account.accountId());
        return accounts.keep(user, Partners.ALPACA, account).block(PartnerSandbox.TIMEOUT);
    }

    /** A PENDING withdrawal with its amount held, as initiating one leaves it. */
    Withdrawal held(UUID user, String usd) {
        UUID id = UUID.randomUUID();
        Withdrawal withdrawal = withdrawals
                .insert(id, user, new BigDecimal(usd), Chain.ETHEREUM, ethereumAddress(), id.toString(), "hash")
                .block(PartnerSandbox.TIMEOUT);
        transactions
                .transactional(ledger.post(LedgerPosting.withdrawalHeld(withdrawal)))
                .block(PartnerSandbox.TIMEOUT);
        return withdrawal;
    }

    Command command(UUID sagaId, SagaCommand command) {
        return db.sql("SELECT id, saga_type, saga_id, command, idempotency_key, attempts FROM saga_commands"
                        + " WHERE saga_id = :id AND command = :command")
                .bind("id", sagaId)
                .bind("command", command.name())
                .map(row -> new Command(
                        row.get("id", UUID.class),
                        row.get("saga_type", String.class),
                        row.get("saga_id", UUID.class),
                        row.get("command", String.class),
                        row.get("idempotency_key", String.class),
                        row.get("attempts", Integer.class)))
                .one()
                .block(PartnerSandbox.TIMEOUT);
    }

    String state(UUID sagaId, SagaCommand command) {
        return db.sql("SELECT state FROM saga_commands WHERE saga_id = :id AND command = :command")
                .bind("id", sagaId)
                .bind("command", command.name())
                .map(row -> row.get("state", String.class))
                .one()
                .block(PartnerSandbox.TIMEOUT);
    }

    long journals(String reference) {
        return db.sql("SELECT count(*) AS n FROM ledger_journal WHERE reference = :reference")
                .bind("reference", reference)
                .map(row -> row.get("n", Long.class))
                .one()
                .block(PartnerSandbox.TIMEOUT);
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> list(String uri, Object... variables) {
        Map<String, Object> answer = SANDBOX.controlGet(uri, variables);
        return (List<T>) answer.get(answer.containsKey("events") ? "events" : "transfers");
    }
}
