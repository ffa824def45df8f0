package com.stack.sandbox.drivewealth.api;

import com.stack.sandbox.drivewealth.app.AccessTokens;
import com.stack.sandbox.drivewealth.domain.DriveWealthException;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** DriveWealth's session endpoint: the app key and client credentials for a bearer token. */
@RestController
@RequestMapping(path = DriveWealthApi.BASE_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
public class DriveWealthAuthController {

    static final String TOKEN_TYPE = "bearer";
    static final String SCOPE = "all_trading";

    private final AccessTokens tokens;

    public DriveWealthAuthController(AccessTokens tokens) {
        this.tokens = tokens;
    }

    /** {@code {"clientID", "clientSecret"}}. */
    public record TokenRequest(String clientID, String clientSecret) {}

    @PostMapping(path = DriveWealthApi.TOKENS_PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Views.Token> token(
            @RequestHeader(name = DriveWealthApi.APP_KEY_HEADER, required = false) String appKey,
            @RequestBody(required = false) TokenRequest request) {
        if (request == null) {
            throw DriveWealthException.unauthorized("Invalid clientID or clientSecret");
        }
        AccessTokens.Issued issued = tokens.issue(appKey, request.clientID(), request.clientSecret());
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(new Views.Token(issued.accessToken(), TOKEN_TYPE, issued.expiresIn(), SCOPE));
    }
}
