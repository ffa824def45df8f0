package com.stack.defaults.security;

import com.stack.contracts.identity.UserIds;
import com.stack.defaults.errors.ForbiddenException;
import com.stack.defaults.errors.UnauthenticatedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Mono;

/** Reads the {@link Caller} from the reactive security context of the current request. */
public final class CallerResolver {

    private CallerResolver() {}

    /**
     * The caller, or an {@link UnauthenticatedException} error if the request carried no user's token.
     * Only a user's validated token makes a caller: the gateway's service token authenticates as a
     * {@link ServiceAuthentication}, whose principal is no {@link Jwt}, so it has none.
     */
    public static Mono<Caller> current() {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(Authentication::isAuthenticated)
                .map(Authentication::getPrincipal)
                .ofType(Jwt.class)
                .map(CallerResolver::fromJwt)
                .switchIfEmpty(Mono.error(UnauthenticatedException::new));
    }

    /**
     * The caller, provided they are the user the data belongs to: entity references arrive from the
     * gateway with a user id, and no user may read another user's data through one.
     */
    public static Mono<Caller> requireSelf(java.util.UUID userId) {
        return current()
                .flatMap(caller -> caller.userId().equals(userId)
                        ? Mono.just(caller)
                        : Mono.error(new ForbiddenException("This data belongs to another user")));
    }

    static Caller fromJwt(Jwt jwt) {
        String issuer = jwt.getIssuer() == null ? "" : jwt.getIssuer().toString();
        return new Caller(
                UserIds.fromSubject(issuer, jwt.getSubject()), jwt.getSubject(), jwt.getClaimAsString("email"));
    }
}
