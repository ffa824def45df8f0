package com.stack.sandbox.partners;

import java.util.Optional;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * How a partner's API authenticates when it is not a fixed API key in {@code Authorization: Bearer}
 * (DriveWealth: a session token from its own token endpoint plus an app key header). A partner
 * package declares one as a bean; {@link ApiKeyFilter} then leaves that partner's requests to it,
 * still after fault injection and still answering in the partner's error format.
 */
public interface PartnerAuthentication {

    /** The {@link EmulatedPartner#name()} this authenticates. */
    String partner();

    /**
     * Why the request is refused, as the message of the partner's 401; empty when it may go on.
     * Must be quick and must not block: it runs on the event loop.
     *
     * @param relativePath the path below the partner's base path
     */
    Optional<String> refusal(ServerHttpRequest request, String relativePath);
}
