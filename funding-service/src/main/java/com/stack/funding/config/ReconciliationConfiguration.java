package com.stack.funding.config;

import com.stack.funding.app.BrokerAccounts;
import com.stack.funding.app.BrokerFundingReports;
import com.stack.funding.app.Brokerage;
import com.stack.funding.app.DepositReconciler;
import com.stack.funding.app.DepositStore;
import com.stack.funding.app.DepositTransitions;
import com.stack.funding.app.FundingSagaMetrics;
import com.stack.funding.app.LedgerInvariantCheck;
import com.stack.funding.app.LedgerStore;
import com.stack.funding.app.OffRamp;
import com.stack.funding.app.SagaCommandRunner;
import com.stack.funding.app.SagaCommandStore;
import com.stack.funding.app.WithdrawalStore;
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
    com.stack.funding.app.WithdrawalReconciler withdrawalReconciler(
            WithdrawalStore withdrawals,
            SagaCommandStore commands,
            Brokerage brokerage,
            BrokerAccounts accounts,
            com.stack.funding.app.WithdrawalRefund refund,
            com.stack.funding.app.OnRamp onRamp,
            com.stack.funding.app.WalletTransfers transfers,
            BrokerFundingReports brokerReports,
            com.stack.funding.app.WithdrawalRampReports rampReports,
            com.stack.funding.app.WithdrawalTransferReports transferReports,
            TransactionalOperator transactions,
            SagaCommandRunner runner,
            FundingSagaMetrics metrics,
            DepositReconciler.Settings settings) {
        return new com.stack.funding.app.WithdrawalReconciler(
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
