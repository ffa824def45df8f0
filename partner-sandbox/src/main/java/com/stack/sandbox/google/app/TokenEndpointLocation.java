package com.stack.sandbox.google.app;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * The token endpoint's URI, as assertions name it in {@code aud}: {@code stack.sandbox.google.token-uri} when
 * set, else this sandbox's own {@code http://127.0.0.1:<port>/google-oauth/token} (known once it listens).
 */
@Component
public class TokenEndpointLocation implements ApplicationListener<WebServerInitializedEvent> {

    public static final String PATH = "/google-oauth/token";

    private final String configured;
    private volatile String uri;

    public TokenEndpointLocation(GoogleSandboxProperties properties) {
        this.configured = properties.tokenUri().trim();
        this.uri = configured.isEmpty() ? null : configured;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (configured.isEmpty() && event.getApplicationContext().getServerNamespace() == null) {
            uri = "http://127.0.0.1:" + event.getWebServer().getPort() + PATH;
        }
    }

    public String uri() {
        String current = uri;
        if (current == null) {
            throw new IllegalStateException("The token endpoint is known once the web server listens");
        }
        return current;
    }
}
