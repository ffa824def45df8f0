package com.stack.funding.withdrawal.config;

import com.stack.funding.broker.app.BrokerBuyingPower;
import com.stack.funding.ledger.app.Ledger;
import com.stack.funding.ledger.app.LedgerStore;
import com.stack.funding.saga.app.SagaCommands;
import com.stack.funding.withdrawal.app.InitiateWithdrawal;
import com.stack.funding.withdrawal.app.WithdrawalAnnouncements;
import com.stack.funding.withdrawal.app.WithdrawalStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.reactive.TransactionalOperator;

/** The withdrawal saga's first step ({@code stack.funding.withdrawals.*}: the limits). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InitiateWithdrawal.Settings.class)
class WithdrawalConfiguration {

    @Bean
    InitiateWithdrawal initiateWithdrawal(
            WithdrawalStore withdrawals,
            LedgerStore balances,
            Ledger ledger,
            WithdrawalAnnouncements announcements,
            TransactionalOperator transactions,
            SagaCommands commands,
            InitiateWithdrawal.Settings settings,
            BrokerBuyingPower broker) {
        return new InitiateWithdrawal(
                withdrawals, balances, ledger, announcements, transactions, commands, settings, broker);
    }
}
