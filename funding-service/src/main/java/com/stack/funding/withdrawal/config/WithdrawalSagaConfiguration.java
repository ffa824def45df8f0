package com.stack.funding.withdrawal.config;

import com.stack.funding.broker.app.BrokerAccounts;
import com.stack.funding.broker.app.Brokerage;
import com.stack.funding.brokerfunding.app.BrokerFundingReports;
import com.stack.funding.brokerfunding.app.BrokerRefundStep;
import com.stack.funding.inbox.app.InboxHandler;
import com.stack.funding.partner.adapters.circle.CircleReportHandlers;
import com.stack.funding.saga.app.SagaCommandHandler;
import com.stack.funding.saga.app.SagaCommands;
import com.stack.funding.wallet.app.KnownWallets;
import com.stack.funding.withdrawal.app.OnRamp;
import com.stack.funding.withdrawal.app.WalletTransfers;
import com.stack.funding.withdrawal.app.WithdrawalOnRampStep;
import com.stack.funding.withdrawal.app.WithdrawalRampReports;
import com.stack.funding.withdrawal.app.WithdrawalRefund;
import com.stack.funding.withdrawal.app.WithdrawalStore;
import com.stack.funding.withdrawal.app.WithdrawalTransferReports;
import com.stack.funding.withdrawal.app.WithdrawalTransferStep;
import com.stack.funding.withdrawal.app.WithdrawalTransitions;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The withdrawal saga after the broker: the on-ramp step with its partner's events, the on-chain transfer from
 * the custody wallet with Circle's outbound transaction events ({@code stack.funding.withdrawals.transfer.*}),
 * and the compensation that sends the USD back to the brokerage account when the on-ramp fails
 * ({@link WithdrawalRefund}, chosen with the on-ramp).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WithdrawalTransferStep.Settings.class)
class WithdrawalSagaConfiguration {

    @Bean
    WithdrawalRampReports withdrawalRampReports(WithdrawalStore withdrawals, WithdrawalTransitions transitions) {
        return new WithdrawalRampReports(withdrawals, transitions);
    }

    @Bean
    WithdrawalTransferReports withdrawalTransferReports(
            WithdrawalStore withdrawals, WithdrawalTransitions transitions, WithdrawalTransferStep.Settings settings) {
        return new WithdrawalTransferReports(withdrawals, transitions, settings);
    }

    @Bean
    SagaCommandHandler withdrawalOnRampStep(
            WithdrawalStore withdrawals,
            KnownWallets wallets,
            OnRamp onRamp,
            SagaCommands commands,
            WithdrawalTransitions transitions,
            WithdrawalRampReports reports) {
        return new WithdrawalOnRampStep(withdrawals, wallets, onRamp, commands, transitions, reports);
    }

    @Bean
    SagaCommandHandler withdrawalTransferStep(
            WithdrawalStore withdrawals,
            KnownWallets wallets,
            WalletTransfers transfers,
            SagaCommands commands,
            WithdrawalTransitions transitions,
            WithdrawalTransferReports reports) {
        return new WithdrawalTransferStep(withdrawals, wallets, transfers, commands, transitions, reports);
    }

    @Bean
    SagaCommandHandler brokerRefundStep(
            WithdrawalStore withdrawals,
            BrokerAccounts accounts,
            Brokerage brokerage,
            WithdrawalRefund refund,
            SagaCommands commands,
            BrokerFundingReports reports) {
        return new BrokerRefundStep(withdrawals, accounts, brokerage, refund, commands, reports);
    }

    @Bean
    InboxHandler circleOutboundTransactions(WithdrawalTransferReports reports) {
        return CircleReportHandlers.outboundTransactions(reports);
    }

    /** Circle Mint's transfer notifications count when Circle is the on-ramp (by default the off-ramp's partner). */
    @Bean
    @ConditionalOnExpression(OnRampConfiguration.PARTNER + " == 'circle'")
    InboxHandler circleOnRampTransfers(WithdrawalRampReports reports) {
        return CircleReportHandlers.onRampTransfers(reports);
    }
}
