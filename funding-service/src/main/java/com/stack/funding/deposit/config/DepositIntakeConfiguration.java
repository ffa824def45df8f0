package com.stack.funding.deposit.config;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.stack.contracts.events.v1.WalletCreated;
import com.stack.defaults.messaging.EventSubscription;
import com.stack.funding.deposit.app.DepositStore;
import com.stack.funding.deposit.app.InboundDeposits;
import com.stack.funding.deposit.app.InboundTransferSweep;
import com.stack.funding.deposit.app.SweepWatermarks;
import com.stack.funding.inbox.app.CircleNotificationIntake;
import com.stack.funding.inbox.app.CircleNotificationKeys;
import com.stack.funding.inbox.app.DepositIntakeMetrics;
import com.stack.funding.inbox.app.InboxHandler;
import com.stack.funding.inbox.app.PartnerInbox;
import com.stack.funding.inbox.app.PartnerInboxProcessor;
import com.stack.funding.inbox.domain.ReplayWindow;
import com.stack.funding.partner.adapters.circle.CircleInboundTransactionList;
import com.stack.funding.partner.adapters.circle.CircleInboundTransactions;
import com.stack.funding.partner.adapters.circle.CircleNotificationKeyClient;
import com.stack.funding.partner.adapters.circle.CircleNotifications;
import com.stack.funding.partner.adapters.circle.CircleProperties;
import com.stack.funding.shared.domain.Chain;
import com.stack.funding.wallet.app.WalletAddressBook;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The deposit intake: the wallet address book, Circle's webhook (keys, intake), the inbox processor, and the
 * sweep over Circle's list of inbound transactions for notifications that never arrived.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
    CircleProperties.class,
    PartnerInboxProcessor.Settings.class,
    InboundTransferSweep.Settings.class
})
class DepositIntakeConfiguration {

    @Bean
    EventSubscription<WalletCreated> walletCreated(WalletAddressBook addressBook) {
        return EventSubscription.on(WalletCreated.class, addressBook);
    }

    @Bean
    CircleNotificationKeys circleNotificationKeys(WebClient.Builder webClients, CircleProperties properties) {
        return new CircleNotificationKeyClient(webClients, properties);
    }

    /** Credits USDC only: the token ids of {@code stack.circle.usdc-token-ids.*}, the ones withdrawals send. */
    @Bean
    InboxHandler circleInboundTransactions(InboundDeposits deposits, CircleProperties properties) {
        Map<Chain, String> usdc = new EnumMap<>(Chain.class);
        for (Chain chain : Chain.values()) {
            usdc.put(chain, properties.usdcTokenIds().of(chain));
        }
        return new CircleInboundTransactions(deposits, usdc);
    }

    @Bean
    PartnerInboxProcessor partnerInboxProcessor(
            PartnerInbox inbox,
            List<InboxHandler> handlers,
            TransactionalOperator transactions,
            DepositIntakeMetrics metrics,
            PartnerInboxProcessor.Settings settings) {
        return new PartnerInboxProcessor(inbox, handlers, transactions, metrics, settings);
    }

    @Bean
    InboundTransferSweep inboundTransferSweep(
            WebClient.Builder webClients,
            CircleProperties properties,
            DepositStore deposits,
            PartnerInbox inbox,
            SweepWatermarks watermarks,
            PartnerInboxProcessor processor,
            DepositIntakeMetrics metrics,
            InboundTransferSweep.Settings settings) {
        return new InboundTransferSweep(
                new CircleInboundTransactionList(webClients, properties),
                deposits,
                inbox,
                watermarks,
                processor::wake,
                metrics,
                settings,
                Clock.systemUTC());
    }

    @Bean
    CircleNotificationIntake circleNotificationIntake(
            CircleNotificationKeys keys,
            PartnerInbox inbox,
            PartnerInboxProcessor processor,
            DepositIntakeMetrics metrics,
            CircleProperties properties) {
        return new CircleNotificationIntake(
                keys,
                CircleNotifications::envelope,
                inbox,
                processor,
                new ReplayWindow(properties.webhookReplayWindow()),
                properties.webhookMaxBodySize(),
                metrics,
                Clock.systemUTC());
    }
}
