package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import com.stack.contracts.identity.UserIds;
import com.stack.defaults.security.Caller;
import com.stack.onboarding.passcode.adapters.PasscodeChangeRepository;
import com.stack.onboarding.passcode.app.PasscodeHashing;
import com.stack.onboarding.passcode.app.PasscodeLockedException;
import com.stack.onboarding.passcode.app.PasscodeResetRequiredException;
import com.stack.onboarding.passcode.app.Passcodes;
import com.stack.onboarding.user.adapters.UserRepository;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Issue #14, the passcode, through the gateway against the real services: the lockout escalates to a reset
 * that needs a fresh sign-in, parallel guesses get no more attempts than allowed, and a huge passcode costs
 * no hash. (The old lockout started afresh every 15 minutes and counted nothing beyond: about 480 guesses a
 * day; where hours must pass, the test drives onboarding's own use case on a clock it moves.)
 */
class PasscodeHardeningTest {

    private static final String PASSCODE = "4826";
    private static final String VERIFY = "mutation($p: String!) { verifyPasscode(passcode: $p) { ok attemptsLeft } }";
    private static final String SET = "mutation($p: String!) { setPasscode(passcode: $p) }";

    static StackSuite suite;

    @BeforeAll
    static void startSuite() {
        suite = StackSuite.shared();
    }

    @Test
    void aDayOfGuessingEndsInAResetThatOnlyAFreshSignInCanMake() {
        String subject = "auth0|" + UUID.randomUUID();
        GatewayClient client = signedUpWithPasscode(subject);
        for (int left = 4; left >= 0; left--) {
            GatewayClient.Response wrong = client.graphQl(VERIFY, Map.of("p", "9999"));
            assertThat(wrong.<Integer>at("verifyPasscode.attemptsLeft")).isEqualTo(left);
        }
        assertThat(client.graphQl(VERIFY, Map.of("p", PASSCODE)).errors())
                .singleElement()
                .satisfies(error -> assertThat(extensions(error))
                        .containsEntry("code", "PASSCODE_LOCKED")
                        .containsKey("lockedUntil")
                        .hasEntrySatisfying(
                                "retryAfter",
                                s -> assertThat(((Number) s).longValue()).isBetween(880L, 900L)));

        // the rest of the day, as fast as the lockouts allow
        int guesses = 5 + guessUntilResetRequired(subject, Instant.now().plus(Duration.ofMinutes(15)));
        assertThat(guesses).isEqualTo(15);

        assertThat(codes(client.graphQl(VERIFY, Map.of("p", PASSCODE)))).containsExactly("PASSCODE_RESET_REQUIRED");
        Instant tenMinutesAgo = Instant.now().minus(Duration.ofMinutes(10));
        GatewayClient oldSignIn = new GatewayClient(
                suite.gatewayUrl(),
                suite.issuer()
                        .sign(suite.issuer()
                                .claims(subject)
                                .claim("auth_time", tenMinutesAgo.getEpochSecond())
                                .build()));
        assertThat(codes(oldSignIn.graphQl(SET, Map.of("p", "1357")))).containsExactly("REAUTHENTICATION_REQUIRED");
        GatewayClient freshSignIn = new GatewayClient(
                suite.gatewayUrl(),
                suite.issuer()
                        .sign(suite.issuer()
                                .claims(subject)
                                .issueTime(Date.from(Instant.now()))
                                .claim("auth_time", Instant.now().getEpochSecond())
                                .build()));
        assertThat(freshSignIn.graphQl(SET, Map.of("p", "1357")).<Boolean>at("setPasscode"))
                .isTrue();
        assertThat(client.graphQl(VERIFY, Map.of("p", "1357")).<Boolean>at("verifyPasscode.ok"))
                .isTrue();
    }

    @Test
    void parallelWrongGuessesGetNoMoreAttemptsThanAllowed() {
        GatewayClient client = signedUpWithPasscode("auth0|" + UUID.randomUUID());

        List<Object> outcomes = Flux.range(0, 12)
                .flatMap(
                        i -> Mono.fromCallable(() -> {
                                    GatewayClient.Response response = client.graphQl(VERIFY, Map.of("p", "9999"));
                                    return response.errors().isEmpty()
                                            ? (Object) response.<Integer>at("verifyPasscode.attemptsLeft")
                                            : extensions(response.errors().get(0))
                                                    .get("code");
                                })
                                .subscribeOn(Schedulers.boundedElastic()),
                        12)
                .collectList()
                .block(Duration.ofSeconds(60));

        assertThat(outcomes).filteredOn(Integer.class::isInstance).containsExactlyInAnyOrder(4, 3, 2, 1, 0);
        assertThat(outcomes).filteredOn(String.class::isInstance).hasSize(7).containsOnly("PASSCODE_LOCKED");
    }

    @Test
    void aHugePasscodeIsRefusedWithoutAnyHashing() {
        GatewayClient client = signedUpWithPasscode("auth0|" + UUID.randomUUID());
        MeterRegistry meters = onboarding().getBean(MeterRegistry.class);
        long hashes = meters.timer("stack.onboarding.passcode.hashes").count();

        long started = System.nanoTime();
        GatewayClient.Response huge = client.graphQl(VERIFY, Map.of("p", "7".repeat(10 * 1024 * 1024)));
        GatewayClient.Response long500 = client.graphQl(VERIFY, Map.of("p", "7".repeat(500)));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(huge.status()).isBetween(400, 499);
        assertThat(huge.<Object>at("verifyPasscode")).isNull();
        assertThat(codes(long500)).containsExactly("BAD_USER_INPUT");
        assertThat(meters.timer("stack.onboarding.passcode.hashes").count()).isEqualTo(hashes);
        assertThat(client.graphQl(VERIFY, Map.of("p", PASSCODE)).<Integer>at("verifyPasscode.attemptsLeft"))
                .as("nothing was counted")
                .isEqualTo(5);
    }

    /** Wrong guesses through onboarding's use case on a clock that jumps over each lockout; the guesses made. */
    private static int guessUntilResetRequired(String subject, Instant start) {
        ConfigurableApplicationContext onboarding = onboarding();
        AtomicReference<Instant> now = new AtomicReference<>(start);
        Passcodes passcodes = new Passcodes(
                onboarding.getBean(UserRepository.class),
                onboarding.getBean(PasscodeChangeRepository.class),
                onboarding.getBean(TransactionalOperator.class),
                onboarding.getBean(PasscodeHashing.class),
                onboarding.getBean(Passcodes.Settings.class),
                new MovingClock(now));
        Caller caller = new Caller(UserIds.fromSubject(suite.issuer().issuer(), subject), subject, null);
        Instant end = start.plus(Duration.ofDays(1));
        int guesses = 0;
        while (now.get().isBefore(end)) {
            try {
                assertThat(passcodes.verify(caller, "9999").block().ok()).isFalse();
                guesses++;
            } catch (PasscodeLockedException locked) {
                now.set(Instant.parse((String) locked.extensions().get("lockedUntil")));
            } catch (PasscodeResetRequiredException reset) {
                return guesses;
            }
        }
        throw new AssertionError("still no reset required after a day and " + guesses + " more guesses");
    }

    private static ConfigurableApplicationContext onboarding() {
        return suite.service("onboarding");
    }

    private static GatewayClient signedUpWithPasscode(String subject) {
        GatewayClient client =
                new GatewayClient(suite.gatewayUrl(), suite.issuer().token(subject, null));
        assertThat(client.graphQl(
                                "mutation($e: String!) { signUp(input: {email: $e}) { id } }",
                                Map.of("e", UUID.randomUUID() + "@example.com"))
                        .errors())
                .isEmpty();
        assertThat(client.graphQl(SET, Map.of("p", PASSCODE)).<Boolean>at("setPasscode"))
                .isTrue();
        return client;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> extensions(Map<String, Object> error) {
        return (Map<String, Object>) error.getOrDefault("extensions", Map.of());
    }

    private static List<Object> codes(GatewayClient.Response response) {
        return response.errors().stream()
                .map(error -> extensions(error).get("code"))
                .toList();
    }

    /** The clock of the use case driven here: the test moves it over each lockout. */
    private static final class MovingClock extends Clock {

        private final AtomicReference<Instant> now;

        MovingClock(AtomicReference<Instant> now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
