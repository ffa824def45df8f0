package com.stack.funding.withdrawal.app;

import static com.stack.funding.partner.adapters.PartnerSandbox.ethereumAddress;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.stack.funding.FundingServiceTest;
import com.stack.funding.partner.adapters.PartnerSandbox;
import com.stack.funding.partner.adapters.due.DueClient;
import com.stack.funding.partner.adapters.due.DueOnRamp;
import com.stack.funding.partner.adapters.due.DueVirtualAccount;
import com.stack.funding.partner.adapters.due.DueVirtualAccountRepository;
import com.stack.funding.partner.adapters.due.DueVirtualAccounts;
import com.stack.funding.partner.adapters.due.DueVirtualAccountsTest;
import com.stack.funding.saga.app.SagaCommandStore.Command;
import com.stack.funding.saga.app.SagaCommands;
import com.stack.funding.saga.domain.SagaCommand;
import com.stack.funding.shared.domain.Chain;
import com.stack.funding.wallet.adapters.KnownWalletRepository;
import com.stack.funding.wallet.domain.KnownWallet;
import com.stack.funding.withdrawal.adapters.WithdrawalRepository;
import com.stack.funding.withdrawal.domain.Withdrawal;
import com.stack.funding.withdrawal.domain.WithdrawalLegs;
import com.stack.funding.withdrawal.domain.WithdrawalStatus;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * INITIATE_WITHDRAWAL_ON_RAMP on the Due path, from a withdrawal whose USD left the broker: the USD is converted from
 * the user's Due virtual account the broker wired it into (opened then, found now; one account at Due), an account
 * opened by an attempt that crashed before keeping it is adopted, and Due refusing the account (or the USD not being
 * in it) fails the withdrawal and starts the compensation that sends the USD back to the broker.
 */
class WithdrawalOnRampStepTest extends FundingServiceTest {

    static final PartnerSandbox SANDBOX = PartnerSandbox.shared();

    @Autowired
    WithdrawalRepository withdrawals;

    @Autowired
    KnownWalletRepository wallets;

    @Autowired
    SagaCommands commands;

    @Autowired
    WithdrawalTransitions transitions;

    @Autowired
    WithdrawalRampReports reports;

    @Autowired
    DatabaseClient db;

    @Autowired
    TransactionalOperator transactions;

    @AfterEach
    void noFaults() {
        SANDBOX.clearFaults();
    }

    @Test
    void bothOnRampsConvertFromTheVirtualAccountTheBrokerPaidInto() {
        UUID user = UUID.randomUUID();
        String address = custodyWallet(user);
        String paidInto = new DueVirtualAccounts(
                        DueVirtualAccountsTest.dueClient(), new DueVirtualAccountRepository(db))
                .forUser(user, Chain.ETHEREUM, address)
                .block(PartnerSandbox.TIMEOUT)
                .virtualAccountId();
        credit(paidInto, "14.50");

        Withdrawal first = onRamped(user, "10.00");
        Withdrawal second = onRamped(user, "4.50");

        assertThat(first.status()).isEqualTo(WithdrawalStatus.ON_RAMP_INITIATED);
        assertThat(second.status()).isEqualTo(WithdrawalStatus.ON_RAMP_INITIATED);
        String virtualAccount = (String)
                DueVirtualAccountsTest.atDue(user, Chain.ETHEREUM).get(0).get("id");
        assertThat(virtualAccount).isEqualTo(paidInto);
        assertThat(DueVirtualAccountsTest.atDue(user, Chain.ETHEREUM))
                .hasSize(1)
                .singleElement()
                .satisfies(account -> assertThat(account).containsEntry("balance", "0.00"));
        assertThat(SANDBOX.controlGet("/due/transfers?destinationAddress={a}", address)
                        .get("transfers"))
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .hasSize(2)
                .allSatisfy(transfer ->
                        assertThat(((Map<?, ?>) transfer).get("sender")).isEqualTo(virtualAccount));
    }

    @Test
    void anAccountOpenedBeforeACrashIsAdoptedNotOpenedAgain() {
        UUID user = UUID.randomUUID();
        String address = custodyWallet(user);
        // the attempt that crashed between Due's answer and keeping the account
        DueVirtualAccounts crashed =
                new DueVirtualAccounts(DueVirtualAccountsTest.dueClient(), new DueVirtualAccountRepository(db) {
                    @Override
                    public Mono<DueVirtualAccount> keep(DueVirtualAccount account) {
                        return Mono.error(new IllegalStateException("crash before keeping " + account));
                    }
                });
        assertThat(crashed.forUser(user, Chain.ETHEREUM, address)
                        .onErrorResume(IllegalStateException.class, e -> Mono.empty())
                        .blockOptional(PartnerSandbox.TIMEOUT))
                .isEmpty();
        // the broker's wire into it
        credit(
                (String) DueVirtualAccountsTest.atDue(user, Chain.ETHEREUM)
                        .get(0)
                        .get("id"),
                "3.00");

        assertThat(onRamped(user, "3.00").status()).isEqualTo(WithdrawalStatus.ON_RAMP_INITIATED);
        assertThat(DueVirtualAccountsTest.atDue(user, Chain.ETHEREUM)).hasSize(1);
    }

    @Test
    void dueRefusingTheVirtualAccountFailsTheWithdrawalAndCreditsTheBrokerBack() {
        UUID user = UUID.randomUUID();
        custodyWallet(user);
        SANDBOX.fault("due", "POST", "/v1/virtual_accounts", 422, 1);

        Withdrawal refused = onRamped(user, "7.00");

        assertThat(refused.status()).isEqualTo(WithdrawalStatus.FAILED);
        assertThat(refused.failureReason()).startsWith("on-ramp refused: ").contains("HTTP 422");
        WithdrawalLegs legs = withdrawals.legs(refused.id()).block(PartnerSandbox.TIMEOUT);
        assertThat(legs.compensation()).isEqualTo(WithdrawalLegs.Compensation.BROKER_REFUND);
        assertThat(legs.onRampTransferId()).isNull();
        assertThat(db.sql("SELECT state FROM saga_commands WHERE saga_id = :id AND command = :command")
                        .bind("id", refused.id())
                        .bind("command", SagaCommand.REFUND_BROKER_WITHDRAWAL.name())
                        .map(row -> row.get("state", String.class))
                        .one()
                        .block(PartnerSandbox.TIMEOUT))
                .isEqualTo("pending");
        assertThat(DueVirtualAccountsTest.atDue(user, Chain.ETHEREUM)).isEmpty();
    }

    @Test
    void theUsdNotInTheVirtualAccountFailsTheWithdrawalAndStartsTheCompensation() {
        UUID user = UUID.randomUUID();
        custodyWallet(user);

        Withdrawal refused = onRamped(user, "2.00");

        assertThat(refused.status()).isEqualTo(WithdrawalStatus.FAILED);
        assertThat(refused.failureReason()).startsWith("on-ramp refused: ").contains("insufficient_funds");
        assertThat(withdrawals.legs(refused.id()).block(PartnerSandbox.TIMEOUT).compensation())
                .isEqualTo(WithdrawalLegs.Compensation.BROKER_REFUND);
    }

    static void credit(String virtualAccountId, String usd) {
        SANDBOX.controlPost("/due/virtual_accounts/{id}/credit", Map.of("amount", usd), virtualAccountId);
    }

    /** The user's custody wallet on Ethereum, in the address book. */
    String custodyWallet(UUID user) {
        String address = ethereumAddress();
        wallets.record(new KnownWallet(UUID.randomUUID(), user, Chain.ETHEREUM, address, Instant.now(), null))
                .block(PartnerSandbox.TIMEOUT);
        return address;
    }

    /** A withdrawal whose USD left the broker, after its INITIATE_WITHDRAWAL_ON_RAMP ran on the Due path. */
    Withdrawal onRamped(UUID user, String usd) {
        UUID id = UUID.randomUUID();
        Withdrawal pending = withdrawals
                .insert(id, user, new BigDecimal(usd), Chain.ETHEREUM, ethereumAddress(), id.toString(), "hash")
                .block(PartnerSandbox.TIMEOUT);
        Withdrawal initiated = withdrawals
                .move(
                        id,
                        WithdrawalStatus.PENDING,
                        WithdrawalStatus.BROKER_WITHDRAWAL_INITIATED,
                        pending.version(),
                        null,
                        "journal-" + id)
                .block(PartnerSandbox.TIMEOUT);
        withdrawals
                .move(
                        id,
                        WithdrawalStatus.BROKER_WITHDRAWAL_INITIATED,
                        WithdrawalStatus.BROKER_WITHDRAWAL_COMPLETE,
                        initiated.version(),
                        null,
                        null)
                .block(PartnerSandbox.TIMEOUT);
        transactions
                .transactional(commands.record(SagaCommand.INITIATE_WITHDRAWAL_ON_RAMP, id))
                .block(PartnerSandbox.TIMEOUT);
        Command command = db.sql("SELECT id, saga_type, saga_id, command, idempotency_key, attempts FROM saga_commands"
                        + " WHERE saga_id = :id AND command = :command")
                .bind("id", id)
                .bind("command", SagaCommand.INITIATE_WITHDRAWAL_ON_RAMP.name())
                .map(row -> new Command(
                        row.get("id", UUID.class),
                        row.get("saga_type", String.class),
                        row.get("saga_id", UUID.class),
                        row.get("command", String.class),
                        row.get("idempotency_key", String.class),
                        row.get("attempts", Integer.class)))
                .one()
                .block(PartnerSandbox.TIMEOUT);
        step().execute(command).block(PartnerSandbox.TIMEOUT);
        return withdrawals.findById(id).block(PartnerSandbox.TIMEOUT);
    }

    WithdrawalOnRampStep step() {
        DueClient due = DueVirtualAccountsTest.dueClient();
        OnRamp onRamp = new DueOnRamp(
                due,
                new DueVirtualAccounts(due, new DueVirtualAccountRepository(db)),
                DueVirtualAccountsTest.dueProperties());
        return new WithdrawalOnRampStep(withdrawals, wallets, onRamp, commands, transitions, reports);
    }
}
