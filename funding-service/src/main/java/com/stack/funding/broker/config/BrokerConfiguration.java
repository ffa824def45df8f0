package com.stack.funding.broker.config;

import com.stack.defaults.partners.alpaca.AlpacaConnection;
import com.stack.defaults.partners.drivewealth.DriveWealthConnection;
import com.stack.defaults.partners.sse.StreamPositions;
import com.stack.funding.broker.app.BrokerAccounts;
import com.stack.funding.broker.app.BrokerBalances;
import com.stack.funding.broker.app.BrokerBuyingPower;
import com.stack.funding.broker.app.BrokerReconciler;
import com.stack.funding.broker.app.Brokerage;
import com.stack.funding.brokerfunding.app.BrokerFundingReports;
import com.stack.funding.brokerfunding.app.BrokerWithdrawalStep;
import com.stack.funding.brokerfunding.app.FundBrokerStep;
import com.stack.funding.deposit.app.DepositStore;
import com.stack.funding.deposit.app.DepositTransitions;
import com.stack.funding.inbox.app.DepositIntakeMetrics;
import com.stack.funding.inbox.app.InboxHandler;
import com.stack.funding.inbox.app.PartnerInbox;
import com.stack.funding.inbox.app.PartnerInboxProcessor;
import com.stack.funding.ledger.app.LedgerStore;
import com.stack.funding.partner.adapters.alpaca.AlpacaBalances;
import com.stack.funding.partner.adapters.alpaca.AlpacaClient;
import com.stack.funding.partner.adapters.alpaca.AlpacaFundingStatusEvents;
import com.stack.funding.partner.adapters.alpaca.AlpacaFundingStream;
import com.stack.funding.partner.adapters.alpaca.AlpacaJournalEvents;
import com.stack.funding.partner.adapters.alpaca.AlpacaJournalStream;
import com.stack.funding.partner.adapters.alpaca.AlpacaProperties;
import com.stack.funding.partner.adapters.drivewealth.DriveWealthBalances;
import com.stack.funding.partner.adapters.drivewealth.DriveWealthClient;
import com.stack.funding.partner.adapters.drivewealth.DriveWealthDepositEvents;
import com.stack.funding.partner.adapters.drivewealth.DriveWealthEventQueue;
import com.stack.funding.partner.adapters.drivewealth.DriveWealthEvents;
import com.stack.funding.partner.adapters.drivewealth.DriveWealthProperties;
import com.stack.funding.saga.app.SagaCommandHandler;
import com.stack.funding.saga.app.SagaCommands;
import com.stack.funding.shared.domain.Partners;
import com.stack.funding.wallet.app.KnownWallets;
import com.stack.funding.withdrawal.app.WithdrawalPayee;
import com.stack.funding.withdrawal.app.WithdrawalStore;
import com.stack.funding.withdrawal.app.WithdrawalTransitions;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The deposit saga's broker step: the broker ({@code stack.funding.broker.partner}: {@code drivewealth} by
 * default, or {@code alpaca}), its event source into the inbox, and the FUND_BROKER command; the broker's own
 * buying power as a second check ({@code stack.funding.broker-balance.*}) and the daily comparison of the ledger
 * with the broker's cash ({@code stack.funding.broker-reconciliation.*}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({BrokerBuyingPower.Settings.class, BrokerReconciler.Settings.class})
public class BrokerConfiguration {

    @Bean
    BrokerBuyingPower brokerBuyingPower(
            BrokerAccounts accounts,
            BrokerBalances balances,
            Brokerage brokerage,
            BrokerBuyingPower.Settings settings,
            MeterRegistry meters) {
        return new BrokerBuyingPower(accounts, balances, brokerage.partner(), settings, meters);
    }

    @Bean
    BrokerReconciler brokerReconciler(
            BrokerAccounts accounts,
            LedgerStore ledger,
            BrokerBalances balances,
            Brokerage brokerage,
            BrokerBuyingPower.Settings tolerance,
            BrokerReconciler.Settings settings,
            MeterRegistry meters) {
        return new BrokerReconciler(
                accounts, ledger, balances, brokerage.partner(), tolerance.tolerance(), settings, meters);
    }

    @Bean
    BrokerFundingReports brokerFundingReports(
            DepositStore deposits,
            DepositTransitions transitions,
            WithdrawalStore withdrawals,
            WithdrawalTransitions withdrawalTransitions,
            Brokerage brokerage) {
        return new BrokerFundingReports(deposits, transitions, withdrawals, withdrawalTransitions, brokerage.partner());
    }

    /**
     * The broker pays a withdrawal where the on-ramp says ({@link WithdrawalPayee}); an on-ramp that names a bank
     * account (Due's virtual accounts) with a broker that cannot wire to one (DriveWealth) refuses to start.
     */
    @Bean
    SagaCommandHandler brokerWithdrawalStep(
            WithdrawalStore withdrawals,
            BrokerAccounts accounts,
            Brokerage brokerage,
            SagaCommands commands,
            WithdrawalTransitions transitions,
            BrokerFundingReports reports,
            WithdrawalPayee payee,
            KnownWallets wallets) {
        checkPayeeBanks(payee, brokerage);
        return new BrokerWithdrawalStep(
                withdrawals, accounts, brokerage, commands, transitions, reports, payee, wallets);
    }

    public static void checkPayeeBanks(WithdrawalPayee payee, Brokerage brokerage) {
        if (payee.namesBanks() && !brokerage.wiresToBanks()) {
            throw new IllegalStateException("The withdrawal's on-ramp (stack.funding.on-ramp.partner, by default the"
                    + " off-ramp's) converts from a bank account of the user's (Due's virtual accounts), into which the"
                    + " broker must wire the USD, and the broker (stack.funding.broker.partner=" + brokerage.partner()
                    + ") cannot wire to a bank account: choose broker alpaca, or on-ramp circle");
        }
    }

    @Bean
    SagaCommandHandler fundBrokerStep(
            DepositStore deposits,
            BrokerAccounts accounts,
            Brokerage brokerage,
            SagaCommands commands,
            DepositTransitions transitions,
            BrokerFundingReports reports) {
        return new FundBrokerStep(deposits, accounts, brokerage, commands, transitions, reports);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(
            name = "stack.funding.broker.partner",
            havingValue = Partners.DRIVEWEALTH,
            matchIfMissing = true)
    @EnableConfigurationProperties({DriveWealthConnection.class, DriveWealthProperties.class})
    static class DriveWealth {

        @Bean
        Brokerage driveWealth(WebClient.Builder webClients, DriveWealthConnection connection) {
            return new DriveWealthClient(webClients, connection);
        }

        @Bean
        BrokerBalances driveWealthBalances(WebClient.Builder webClients, DriveWealthConnection connection) {
            return new DriveWealthBalances(webClients, connection);
        }

        @Bean
        InboxHandler driveWealthDepositEvents(BrokerFundingReports reports) {
            return new DriveWealthDepositEvents(reports, DriveWealthEvents.DEPOSITS_UPDATED);
        }

        @Bean
        InboxHandler driveWealthRedemptionEvents(BrokerFundingReports reports) {
            return new DriveWealthDepositEvents(reports, DriveWealthEvents.REDEMPTIONS_UPDATED);
        }

        @Bean
        DriveWealthEventQueue driveWealthEventQueue(
                DriveWealthProperties properties,
                PartnerInbox inbox,
                PartnerInboxProcessor processor,
                DepositIntakeMetrics metrics) {
            return new DriveWealthEventQueue(properties.events(), inbox, processor, metrics);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "stack.funding.broker.partner", havingValue = Partners.ALPACA)
    @EnableConfigurationProperties({AlpacaConnection.class, AlpacaProperties.class})
    static class Alpaca {

        @Bean
        Brokerage alpaca(WebClient.Builder webClients, AlpacaConnection connection, AlpacaProperties properties) {
            return new AlpacaClient(webClients, connection, properties);
        }

        @Bean
        BrokerBalances alpacaBalances(WebClient.Builder webClients, AlpacaConnection connection) {
            return new AlpacaBalances(webClients, connection);
        }

        @Bean
        InboxHandler alpacaJournalStatusEvents(BrokerFundingReports reports) {
            return AlpacaJournalEvents.statusHandler(reports);
        }

        @Bean
        InboxHandler alpacaFundingStatusEvents(
                BrokerFundingReports reports,
                WithdrawalStore withdrawals,
                BrokerAccounts accounts,
                Brokerage brokerage) {
            return new AlpacaFundingStatusEvents(reports, withdrawals, accounts, brokerage);
        }

        @Bean
        AlpacaFundingStream alpacaFundingStream(
                WebClient.Builder webClients,
                AlpacaConnection connection,
                AlpacaProperties properties,
                PartnerInbox inbox,
                DatabaseClient db,
                PartnerInboxProcessor processor,
                DepositIntakeMetrics metrics,
                TransactionalOperator transactions) {
            return new AlpacaFundingStream(
                    webClients,
                    connection,
                    properties,
                    inbox,
                    new StreamPositions(db, "partner_stream_positions"),
                    processor,
                    metrics,
                    transactions);
        }

        @Bean
        AlpacaJournalStream alpacaJournalStream(
                WebClient.Builder webClients,
                AlpacaConnection connection,
                AlpacaProperties properties,
                PartnerInbox inbox,
                DatabaseClient db,
                PartnerInboxProcessor processor,
                DepositIntakeMetrics metrics,
                TransactionalOperator transactions) {
            return new AlpacaJournalStream(
                    webClients,
                    connection,
                    properties,
                    inbox,
                    new StreamPositions(db, "partner_stream_positions"),
                    processor,
                    metrics,
                    transactions);
        }
    }
}
