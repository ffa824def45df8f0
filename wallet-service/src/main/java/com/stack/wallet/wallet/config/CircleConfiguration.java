package com.stack.wallet.wallet.config;

import com.stack.wallet.wallet.adapters.circle.CircleProperties;
import com.stack.wallet.wallet.adapters.circle.CircleWalletClient;
import com.stack.wallet.wallet.adapters.circle.CircleWalletCustody;
import com.stack.wallet.wallet.adapters.circle.CircleWalletSets;
import com.stack.wallet.wallet.app.WalletCustody;
import com.stack.wallet.wallet.app.WalletProvisioner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;

/** Wallet custody by Circle developer-controlled wallets, and the provisioner's settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CircleProperties.class, WalletProvisioner.Settings.class})
class CircleConfiguration {

    @Bean
    CircleWalletClient circleWalletClient(WebClient.Builder webClients, CircleProperties properties) {
        return new CircleWalletClient(webClients, properties);
    }

    @Bean
    CircleWalletSets circleWalletSets(CircleWalletClient circle, DatabaseClient db, CircleProperties properties) {
        return new CircleWalletSets(circle, db, properties);
    }

    @Bean
    WalletCustody walletCustody(CircleWalletClient circle, CircleWalletSets walletSets, CircleProperties properties) {
        return new CircleWalletCustody(circle, walletSets, properties);
    }
}
