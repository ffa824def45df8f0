package com.stack.defaults.security;

import java.util.List;

import com.stack.contracts.identity.ServiceTokens;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A request a STACK service (the gateway, or another service) made on its own behalf, with a validated
 * service token. It is authenticated (so it may read the schema and call {@code /internal/**}) but acts
 * for no user: its principal is the signing service's name, not a {@link Jwt}, so {@link CallerResolver}
 * finds no caller in it, whatever the token's claims say.
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

    /** The signing service's name (see {@link #service()}). */
    @Override
    public Object getPrincipal() {
        return service();
    }

    /**
     * The service that signed the token: its {@code azp} claim ({@link ServiceTokens#SIGNER_CLAIM}), or the
     * subject for tokens signed before services named themselves there (the gateway's, {@code stack-gateway}).
     */
    public String service() {
        String signer = token.getClaimAsString(ServiceTokens.SIGNER_CLAIM);
        return signer != null ? signer : token.getSubject();
    }
}
