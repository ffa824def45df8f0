package com.stack.defaults.security;

import com.stack.contracts.identity.ServiceTokens;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stack.security.service-token.*}: the secret the gateway signs its service tokens with (see
 * {@link ServiceTokens}). The same value must be set on the gateway and on every service; startup
 * fails with a clear message when it is missing or shorter than 32 bytes.
 *
 * @param secret the shared HS256 secret (environment {@code STACK_SERVICE_TOKEN_SECRET})
 */
@ConfigurationProperties("stack.security.service-token")
public record ServiceTokenProperties(String secret) {

    public ServiceTokenProperties {
        ServiceTokens.secretKey(secret);
    }

    public byte[] secretKey() {
        return ServiceTokens.secretKey(secret);
    }

    @Override
    public String toString() {
        return "ServiceTokenProperties[secret=(hidden)]";
    }
}
