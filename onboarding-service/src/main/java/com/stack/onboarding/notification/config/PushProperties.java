package com.stack.onboarding.notification.config;

import java.net.URI;

import com.stack.defaults.resilience.PartnerResilience;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stack.push.*}: the push service. FCM is used when a service account is given (a key file's path or its
 * JSON inline); without one, pushes are only recorded locally ({@code LocalPushNotifications}).
 *
 * @param fcm Firebase Cloud Messaging (HTTP v1)
 */
@ConfigurationProperties("stack.push")
public record PushProperties(@DefaultValue Fcm fcm) {

    /**
     * @param credentialsFile the service account's JSON key file (client_email, private_key, token_uri, project_id)
     * @param credentialsJson the same key file inline, for a secret passed as an environment variable; wins over the file
     * @param baseUrl         FCM's API, {@code https://fcm.googleapis.com}
     * @param projectId       the Firebase project; empty: the key file's {@code project_id}
     * @param resilience      per call (token endpoint and each send alike): timeout, retries, circuit breaker
     */
    public record Fcm(
            @DefaultValue("") String credentialsFile,
            @DefaultValue("") String credentialsJson,
            @DefaultValue("https://fcm.googleapis.com") URI baseUrl,
            @DefaultValue("") String projectId,
            @DefaultValue PartnerResilience.Settings resilience) {

        public boolean configured() {
            return !credentialsFile.isBlank() || !credentialsJson.isBlank();
        }
    }
}
