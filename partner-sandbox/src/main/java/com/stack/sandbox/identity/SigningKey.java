package com.stack.sandbox.identity;

import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.stereotype.Component;

/**
 * The issuer's RS256 signing key: an RSA 2048 key pair generated once at startup with a random key
 * id, held in memory only, so every sandbox start has a new key and tokens of an earlier run stop
 * validating.
 */
@Component
public class SigningKey {

    private final RSAKey key;
    private final RSASSASigner signer;
    private final Map<String, Object> publicJwkSet;

    public SigningKey() {
        try {
            key = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
            signer = new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate the sandbox issuer's signing key", e);
        }
        publicJwkSet = new JWKSet(key.toPublicJWK()).toJSONObject(true);
    }

    /** The public half only, as a JWK set. */
    public Map<String, Object> publicJwkSet() {
        return publicJwkSet;
    }

    /** Signs the claims as a compact RS256 JWT. CPU work of about a millisecond, no I/O. */
    public String sign(JWTClaimsSet claims) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
        return jwt.serialize();
    }
}
