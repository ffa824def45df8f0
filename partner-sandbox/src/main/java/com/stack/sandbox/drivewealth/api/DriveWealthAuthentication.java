package com.stack.sandbox.drivewealth.api;

import java.util.Optional;

import com.stack.sandbox.drivewealth.app.AccessTokens;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * DriveWealth's credentials check, in place of the sandbox's API key check: every call but the token
 * request needs the app key header and a live session token ({@code Authorization: Bearer}); the token
 * request is checked by its endpoint, which reads the credentials from the body.
 */
@Component
public class DriveWealthAuthentication {

    private final AccessTokens tokens;

    public DriveWealthAuthentication(AccessTokens tokens) {
        this.tokens = tokens;
    }

    /** The partner's credentials check ({@link com.stack.sandbox.partners.EmulatedPartner.Credentials}). */
    public Optional<String> refusal(HttpHeaders headers, String relativePath) {
        if (relativePath.equals(DriveWealthApi.TOKENS_PATH)) {
            return Optional.empty();
        }
        return tokens.refusal(
                headers.getFirst(DriveWealthApi.APP_KEY_HEADER), headers.getFirst(HttpHeaders.AUTHORIZATION));
    }
}
