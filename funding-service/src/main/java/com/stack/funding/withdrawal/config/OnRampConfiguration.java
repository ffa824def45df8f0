package com.stack.funding.withdrawal.config;

import com.stack.funding.broker.app.Brokerage;
import com.stack.funding.partner.adapters.circle.CircleProperties;
import com.stack.funding.partner.adapters.circle.CircleTransferClient;
import com.stack.funding.partner.adapters.circle.CircleWalletTransferClient;
import com.stack.funding.partner.adapters.due.DueClient;
import com.stack.funding.partner.adapters.due.DueOnRamp;
import com.stack.funding.partner.adapters.due.DueProperties;
import com.stack.funding.partner.adapters.due.DueRecipientRepository;
import com.stack.funding.partner.adapters.due.DueVirtualAccountPayee;
import com.stack.funding.partner.adapters.due.DueVirtualAccountRepository;
import com.stack.funding.partner.adapters.due.DueVirtualAccounts;
import com.stack.funding.partner.adapters.due.DueWireRefund;
import com.stack.funding.shared.domain.Partners;
import com.stack.funding.withdrawal.app.OnRamp;
import com.stack.funding.withdrawal.app.WalletTransfers;
import com.stack.funding.withdrawal.app.WithdrawalPayee;
import com.stack.funding.withdrawal.app.WithdrawalRefund;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The withdrawal saga's partner legs after the broker: the on-ramp ({@code stack.funding.on-ramp.partner}:
 * {@code circle}, Circle Mint's business-account transfers, or {@code due}, from the user's Due virtual account
 * kept in funding's database; by default the off-ramp's partner)
 * and the on-chain transfer out of the user's custody wallet (Circle's developer-controlled wallets). With the on-ramp
 * come where the broker pays a withdrawal's USD ({@link WithdrawalPayee}: the house for Circle, the user's virtual
 * account for Due, which needs a broker that wires to a bank account) and how it goes back when the on-ramp fails
 * ({@link WithdrawalRefund}: the broker credits it for Circle; Due wires it back from the virtual account).
 */
@Configuration(proxyBeanMethods = false)
public class OnRampConfiguration {

    /** The on-ramp's partner: {@code stack.funding.on-ramp.partner}, else the off-ramp's, else circle. */
    public static final String PARTNER = "'${stack.funding.on-ramp.partner:${stack.funding.off-ramp.partner:circle}}'";

    @Bean
    @ConditionalOnExpression(PARTNER + " == '" + Partners.CIRCLE + "'")
    OnRamp circleTransfers(WebClient.Builder webClients, CircleProperties properties) {
        return new CircleTransferClient(webClients, properties);
    }

    @Bean
    @ConditionalOnExpression(PARTNER + " == '" + Partners.DUE + "'")
    OnRamp dueOnRamp(DueClient due, DatabaseClient db, DueProperties properties) {
        return new DueOnRamp(due, new DueVirtualAccounts(due, new DueVirtualAccountRepository(db)), properties);
    }

    @Bean
    @ConditionalOnExpression(PARTNER + " == '" + Partners.CIRCLE + "'")
    WithdrawalPayee houseWithdrawalPayee() {
        return WithdrawalPayee.HOUSE;
    }

    @Bean
    @ConditionalOnExpression(PARTNER + " == '" + Partners.CIRCLE + "'")
    WithdrawalRefund brokerCreditRefund(Brokerage brokerage) {
        return new WithdrawalRefund.BrokerCredit(brokerage);
    }

    @Bean
    @ConditionalOnExpression(PARTNER + " == '" + Partners.DUE + "'")
    WithdrawalPayee dueVirtualAccountPayee(DueClient due, DatabaseClient db) {
        return new DueVirtualAccountPayee(new DueVirtualAccounts(due, new DueVirtualAccountRepository(db)));
    }

    @Bean
    @ConditionalOnExpression(PARTNER + " == '" + Partners.DUE + "'")
    WithdrawalRefund dueWireRefund(DueClient due, DatabaseClient db, DueProperties properties, Brokerage brokerage) {
        return new DueWireRefund(
                due,
                new DueVirtualAccountRepository(db),
                new DueRecipientRepository(db),
                brokerage,
                properties.refundRail());
    }

    @Bean
    WalletTransfers circleWalletTransfers(WebClient.Builder webClients, CircleProperties properties) {
        return new CircleWalletTransferClient(webClients, properties);
    }
}
