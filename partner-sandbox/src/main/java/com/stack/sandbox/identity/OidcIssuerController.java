package com.stack.sandbox.identity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * The sandbox's OIDC issuer, a documented developer endpoint (see the module's README): the
 * discovery document, the public keys, and a token endpoint that signs a token for any subject
 * asked. Nothing here authenticates anyone; it must never run outside a developer's machine or a
 * test environment.
 */
@RestController
@RequestMapping(path = "/oidc", produces = MediaType.APPLICATION_JSON_VALUE)
public class OidcIssuerController {

    private final IssuerLocation issuerLocation;
    private final SigningKey signingKey;
    private final TokenMinter minter;

    public OidcIssuerController(IssuerLocation issuerLocation, SigningKey signingKey, TokenMinter minter) {
        this.issuerLocation = issuerLocation;
        this.signingKey = signingKey;
        this.minter = minter;
    }

    @GetMapping("/jwks")
    public Map<String, Object> jwks() {
        return signingKey.publicJwkSet();
    }

    @GetMapping("/.well-known/openid-configuration")
    public Map<String, Object> discovery() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuerLocation.issuer());
        document.put("jwks_uri", issuerLocation.endpoint("jwks"));
        document.put("token_endpoint", issuerLocation.endpoint("token"));
        document.put("response_types_supported", List.of("token"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("token_endpoint_auth_methods_supported", List.of("none"));
        document.put("claims_supported", List.of("iss", "sub", "aud", "iat", "exp", "email"));
        return document;
    }

    @PostMapping(path = "/token", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<TokenResponse>> token(@RequestBody TokenRequest request) {
        // RFC 6749, 5.1: responses carrying tokens must not be cached
        return minter.mint(request)
                .map(token -> ResponseEntity.ok()
                        .cacheControl(CacheControl.noStore())
                        .header("Pragma", "no-cache")
                        .body(new TokenResponse(token.accessToken(), "Bearer", token.expiresInSeconds())));
    }

    @ExceptionHandler(InvalidTokenRequestException.class)
    public ResponseEntity<ErrorResponse> invalidRequest(InvalidTokenRequestException e) {
        return badRequest(e.getMessage());
    }

    /** A missing or malformed JSON body, or a field of the wrong type. */
    @ExceptionHandler(ServerWebInputException.class)
    public ResponseEntity<ErrorResponse> unreadableRequest(ServerWebInputException e) {
        return badRequest(
                "the body must be a JSON object {\"subject\": \"...\", \"email\": \"...\", \"expiresInSeconds\": 3600}");
    }

    private static ResponseEntity<ErrorResponse> badRequest(String description) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ErrorResponse("invalid_request", description));
    }

    /** RFC 6749, 5.1. */
    public record TokenResponse(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") int expiresIn) {}

    /** RFC 6749, 5.2. */
    public record ErrorResponse(
            String error, @JsonProperty("error_description") String errorDescription) {}
}
