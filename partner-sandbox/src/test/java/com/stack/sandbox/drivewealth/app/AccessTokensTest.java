package com.stack.sandbox.drivewealth.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import com.stack.sandbox.drivewealth.domain.DriveWealthException;
import org.junit.jupiter.api.Test;

class AccessTokensTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final AccessTokens tokens = new AccessTokens(
            new DriveWealthProperties(
                    "app",
                    "client",
                    "secret",
                    Duration.ofHours(1),
                    Duration.ofMillis(500),
                    false,
                    "drivewealth-events",
                    Duration.ofSeconds(10),
                    "drivewealth-order-events"),
            clock);

    @Test
    void aTokenIsAcceptedUntilItExpires() {
        AccessTokens.Issued issued = tokens.issue("app", "client", "secret");
        assertThat(issued.expiresIn()).isEqualTo(3600);
        String authorization = "Bearer " + issued.accessToken();

        assertThat(tokens.refusal("app", authorization)).isEmpty();
        clock.now = clock.now.plus(Duration.ofMinutes(59));
        assertThat(tokens.refusal("app", authorization)).isEmpty();
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertThat(tokens.refusal("app", authorization)).contains("The session is invalid or has expired");
    }

    @Test
    void theAppKeyAndTheCredentialsMustBeRight() {
        assertThatThrownBy(() -> tokens.issue("other", "client", "secret"))
                .isInstanceOf(DriveWealthException.class)
                .extracting(e -> ((DriveWealthException) e).body().errorCode())
                .isEqualTo("L075");
        assertThatThrownBy(() -> tokens.issue("app", "client", "wrong")).isInstanceOf(DriveWealthException.class);
        assertThatThrownBy(() -> tokens.issue(null, null, null)).isInstanceOf(DriveWealthException.class);
        String token = tokens.issue("app", "client", "secret").accessToken();
        assertThat(tokens.refusal(null, "Bearer " + token)).isPresent();
        assertThat(tokens.refusal("app", token)).isPresent();
        assertThat(tokens.refusal("app", "Bearer someone-elses")).isPresent();
    }

    static final class MutableClock extends Clock {

        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
