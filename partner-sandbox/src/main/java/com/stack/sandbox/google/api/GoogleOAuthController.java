package com.stack.sandbox.google.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.stack.sandbox.google.app.GoogleAccessTokens;
import com.stack.sandbox.google.domain.OAuthError;
import com.stack.sandbox.google.domain.OAuthException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import reactor.core.publisher.Mono;

/** Google's OAuth 2.0 token endpoint ({@code https://oauth2.googleapis.com/token}), for the JWT bearer grant. */
@RestController
@RequestMapping(path = GoogleOAuthController.BASE_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
public class GoogleOAuthController {

    public static final String BASE_PATH = "/google-oauth";

    private final GoogleAccessTokens tokens;

    public GoogleOAuthController(GoogleAccessTokens tokens) {
        this.tokens = tokens;
    }

    public record Token(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("expires_in") long expiresIn,
            @JsonProperty("token_type") String tokenType) {}

    /** {@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<signed JWT>}, form-encoded. */
    @PostMapping(path = "/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public Mono<ResponseEntity<Token>> token(ServerWebExchange exchange) {
        return exchange.getFormData().map(form -> {
            GoogleAccessTokens.Issued issued = tokens.issue(form.getFirst("grant_type"), form.getFirst("assertion"));
            return ResponseEntity.ok()
                    .cacheControl(CacheControl.noStore())
                    .body(new Token(issued.accessToken(), issued.expiresIn(), "Bearer"));
        });
    }

    @ExceptionHandler(OAuthException.class)
    public ResponseEntity<OAuthError> refused(OAuthException e) {
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_JSON)
                .body(e.body());
    }

    @ExceptionHandler(UnsupportedMediaTypeStatusException.class)
    public ResponseEntity<Map<String, String>> notAForm(UnsupportedMediaTypeStatusException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "error",
                        "invalid_request",
                        "error_description",
                        "Send Content-Type: application/x-www-form-urlencoded"));
    }
}
