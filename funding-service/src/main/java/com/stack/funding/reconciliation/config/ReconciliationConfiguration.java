package com.stack.funding.reconciliation.config;

import com.stack.funding.broker.app.BrokerAccounts;
import com.stack.funding.broker.app.Brokerage;
import com.stack.funding.brokerfunding.app.BrokerFundingReports;
import com.stack.funding.deposit.app.DepositStore;
import com.stack.funding.deposit.app.DepositTransitions;
import com.stack.funding.deposit.app.OffRamp;
import com.stack.funding.ledger.app.LedgerInvariantCheck;
import com.stack.funding.ledger.app.LedgerStore;
import com.stack.funding.reconciliation.app.DepositReconciler;
import com.stack.funding.saga.app.FundingSagaMetrics;
import com.stack.funding.saga.app.SagaCommandRunner;
import com.stack.funding.saga.app.SagaCommandStore;
import com.stack.funding.withdrawal.app.WithdrawalStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The deposit and withdrawal reconcilers ({@code stack.funding.reconciler.*}) and the ledger's invariant check
 * ({@code stack.funding.ledger.*}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DepositReconciler.Settings.class, LedgerInvariantCheck.Settings.class})
class ReconciliationConfiguration {

    @Bean
    LedgerInvariantCheck ledgerInvariantCheck(
            LedgerStore ledger, MeterRegistry meters, LedgerInvariantCheck.Settings settings) {
        return new LedgerInvariantCheck(ledger, meters, settings);
    }

    @Bean
    DepositReconciler depositReconciler(
            DepositStore deposits,
            SagaCommandStore commands,
            OffRamp offRamp,
            Brokerage brokerage,
            DepositTransitions transitions,
            BrokerFundingReports brokerReports,
            TransactionalOperator transactions,
            SagaCommandRunner runner,
            FundingSagaMetrics metrics,
            DepositReconciler.Settings settings) {
        return new DepositReconciler(
                deposits,
                commands,
                offRamp,
                brokerage,
                transitions,
                brokerReports,
                transactions,
                runner::wake,
                metrics,
                settings);
    }

    @Bean
    com.stack.funding.reconciliation.app.WithdrawalReconciler withdrawalReconciler(
            WithdrawalStore withdrawals,
            SagaCommandStore commands,
            Brokerage brokerage,
            BrokerAccounts accounts,
            com.stack.funding.withdrawal.app.WithdrawalRefund refund,
            com.stack.funding.withdrawal.app.OnRamp onRamp,
            com.stack.funding.withdrawal.app.WalletTransfers transfers,
            BrokerFundingReports brokerReports,
            com.stack.funding.withdrawal.app.WithdrawalRampReports rampReports,
            com.stack.funding.withdrawal.app.WithdrawalTransferReports transferReports,
            TransactionalOperator transactions,
            SagaCommandRunner runner,
            FundingSagaMetrics metrics,
            DepositReconciler.Settings settings) {
        return new com.stack.funding.reconciliation.app.WithdrawalReconciler(
                withdrawals,
                commands,
                brokerage,
                accounts,
                refund,
                onRamp,
                transfers,
                brokerReports,
                rampReports,
                transferReports,
                transactions,
                runner::wake,
                metrics,
                settings);
    }
}
