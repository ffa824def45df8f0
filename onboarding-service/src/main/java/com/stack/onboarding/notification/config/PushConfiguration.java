package com.stack.onboarding.notification.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import com.stack.onboarding.notification.adapters.DeviceFanOut;
import com.stack.onboarding.notification.adapters.FcmPushNotifications;
import com.stack.onboarding.notification.adapters.GoogleAccessTokens;
import com.stack.onboarding.notification.adapters.GoogleServiceAccount;
import com.stack.onboarding.notification.adapters.LocalPushNotifications;
import com.stack.onboarding.notification.app.PushDeliveries;
import com.stack.onboarding.notification.app.PushNotifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/** Wires the push service from {@code stack.push.*}: FCM with a service account, else the local recorder. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PushProperties.class, PushDeliveries.Settings.class})
public class PushConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PushConfiguration.class);

    @Bean
    PushNotifications pushNotifications(
            PushProperties properties, DeviceFanOut fanOut, WebClient.Builder webClients, JsonMapper json) {
        PushProperties.Fcm fcm = properties.fcm();
        if (!fcm.configured()) {
            log.info("FCM is not configured (stack.push.fcm.credentials-file or -json): pushes are recorded, not sent");
            return new LocalPushNotifications(fanOut);
        }
        // read once at startup, before anything runs on an event loop
        GoogleServiceAccount account = GoogleServiceAccount.parse(keyFile(fcm), json);
        String projectId = fcm.projectId().isBlank() ? account.projectId() : fcm.projectId();
        GoogleAccessTokens tokens =
                new GoogleAccessTokens(account, webClients.clone().build(), fcm.resilience(), json, Clock.systemUTC());
        log.info("Pushes go to FCM at {} for project {} as {}", fcm.baseUrl(), projectId, account.clientEmail());
        return new FcmPushNotifications(
                fanOut,
                tokens,
                webClients.clone().baseUrl(fcm.baseUrl().toString()).build(),
                projectId,
                fcm.resilience());
    }

    private static String keyFile(PushProperties.Fcm fcm) {
        if (!fcm.credentialsJson().isBlank()) {
            return fcm.credentialsJson();
        }
        try {
            return Files.readString(Path.of(fcm.credentialsFile()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the FCM service account " + fcm.credentialsFile(), e);
        }
    }
}
