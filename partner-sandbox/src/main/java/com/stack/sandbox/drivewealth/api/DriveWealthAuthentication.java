package com.stack.sandbox.drivewealth.api;

import java.util.Optional;

import com.stack.sandbox.drivewealth.app.AccessTokens;
import com.stack.sandbox.partners.PartnerAuthentication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * DriveWealth's authentication, in place of the sandbox's API key check: every call but the token
 * request needs the app key header and a live session token ({@code Authorization: Bearer}); the token
 * request is checked by its endpoint, which reads the credentials from the body.
 */
@Component
public class DriveWealthAuthentication implements PartnerAuthentication {

    private final AccessTokens tokens;

    public DriveWealthAuthentication(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public String partner() {
        return "drivewealth";
    }

    @Override
    public Optional<String> refusal(ServerHttpRequest request, String relativePath) {
        if (relativePath.equals(DriveWealthApi.TOKENS_PATH)) {
            return Optional.empty();
        }
        HttpHeaders headers = request.getHeaders();
        return tokens.refusal(headers.getFirst(DriveWealthApi.APP_KEY_HEADER), headers.getFirst(HttpHeaders.AUTHORIZATION));
    }
}
