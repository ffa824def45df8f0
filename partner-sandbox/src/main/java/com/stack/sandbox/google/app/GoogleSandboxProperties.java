package com.stack.sandbox.google.app;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Google's OAuth token endpoint for service accounts and Firebase Cloud Messaging in the sandbox
 * ({@code stack.sandbox.google.*}).
 *
 * @param serviceAccount where the emulated service account's JSON key file is (a Spring resource location); its
 *                       public key verifies the assertions, its {@code client_email} is the one accepted issuer.
 *                       The default ships with the sandbox and is local-only: its private key is public.
 * @param projectId      the Firebase project messages may be sent to
 * @param tokenUri       the token endpoint as assertions must name it ({@code aud}); empty: {@code
 *                       http://127.0.0.1:<the port the sandbox listens on>/google-oauth/token}
 * @param tokenLifetime  how long an access token is accepted ({@code expires_in})
 */
@ConfigurationProperties("stack.sandbox.google")
public record GoogleSandboxProperties(
        @DefaultValue("classpath:google/local-service-account.json")
        String serviceAccount,

        @DefaultValue("stack-local") String projectId,
        @DefaultValue("") String tokenUri,
        @DefaultValue("1h") Duration tokenLifetime) {

    public GoogleSandboxProperties {
        if (serviceAccount == null || serviceAccount.isBlank()) {
            throw new IllegalArgumentException("stack.sandbox.google.service-account must be set");
        }
        if (projectId == null || projectId.isBlank()) {
            throw new IllegalArgumentException("stack.sandbox.google.project-id must be set");
        }
        if (tokenLifetime == null || tokenLifetime.toSeconds() < 1) {
            throw new IllegalArgumentException("stack.sandbox.google.token-lifetime must be at least 1s");
        }
    }
}
