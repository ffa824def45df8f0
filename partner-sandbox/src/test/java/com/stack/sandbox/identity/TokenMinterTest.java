package com.stack.sandbox.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;

class TokenMinterTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:15:30.750Z");

    final TokenMinter minter =
            new TokenMinter(null, new IssuerLocation("http://127.0.0.1:8090/oidc"), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void claimsNameTheIssuerTheSubjectAndTheApiAudienceForTheLifetimeAsked() throws Exception {
        JWTClaimsSet claims = minter.claimsFor(new TokenRequest("auth0|ada", "ada@example.com", 600));

        assertThat(claims.getIssuer()).isEqualTo("http://127.0.0.1:8090/oidc");
        assertThat(claims.getSubject()).isEqualTo("auth0|ada");
        assertThat(claims.getAudience()).isEqualTo(List.of("stack-api"));
        assertThat(claims.getStringClaim("email")).isEqualTo("ada@example.com");
        // whole seconds, as JWT NumericDate has them
        assertThat(claims.getIssueTime()).isEqualTo(Date.from(Instant.parse("2026-11-22T10:15:30Z")));
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(Instant.parse("2026-11-22T10:25:30Z")));
    }

    @Test
    void noEmailMeansNoEmailClaim() {
        assertThat(minter.claimsFor(new TokenRequest("auth0|ada", null, null)).getClaims())
                .doesNotContainKey("email");
    }

    @Test
    void anInvalidRequestFailsBeforeAnythingIsSigned() {
        assertThatThrownBy(() -> minter.mint(new TokenRequest("", null, null)).block())
                .isInstanceOf(InvalidTokenRequestException.class);
    }
}
