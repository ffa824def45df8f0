package com.stack.sandbox.identity;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * The issuer identifier: the {@code stack.sandbox.issuer} property when set, otherwise
 * {@code http://127.0.0.1:<port>/oidc} for the port the sandbox actually listens on. It is never
 * derived from a request's Host header: services compare the "iss" claim with their configured
 * issuer string exactly, and "localhost" is not "127.0.0.1" to them.
 */
@Component
public class IssuerLocation implements ApplicationListener<WebServerInitializedEvent> {

    private final String configured;
    private volatile String issuer;

    public IssuerLocation(@Value("${stack.sandbox.issuer:}") String configured) {
        this.configured = configured == null ? "" : configured.trim();
        this.issuer = this.configured.isEmpty() ? null : this.configured;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        // a separate management port starts its own server; the issuer lives on the main one
        if (configured.isEmpty() && event.getApplicationContext().getServerNamespace() == null) {
            issuer = boundTo(event.getWebServer().getPort());
        }
    }

    static String boundTo(int port) {
        return "http://127.0.0.1:" + port + "/oidc";
    }

    /** The issuer, as it appears in the "iss" claim and the discovery document. */
    public String issuer() {
        String current = issuer;
        if (current == null) {
            throw new IllegalStateException("The issuer is known once the web server listens");
        }
        return current;
    }

    /** An endpoint below the issuer, such as "jwks" or "token". */
    public String endpoint(String path) {
        String base = issuer();
        return (base.endsWith("/") ? base : base + "/") + path;
    }
}
