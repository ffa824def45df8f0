package com.stack.defaults.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A request the gateway made on its own behalf, with a validated service token. It is authenticated
 * (so it may read the schema) but acts for no user: its principal is the service's name, not a
 * {@link Jwt}, so {@link CallerResolver} finds no caller in it, whatever the token's claims say.
 */
public final class ServiceAuthentication extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;

    /** The one authority a service token grants. */
    public static final String AUTHORITY = "ROLE_STACK_SERVICE";

    private final transient Jwt token;

    public ServiceAuthentication(Jwt token) {
        super(List.of(new SimpleGrantedAuthority(AUTHORITY)));
        this.token = token;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    /** The service's name (the token's subject). */
    @Override
    public Object getPrincipal() {
        return token.getSubject();
    }
}
