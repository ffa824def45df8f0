package com.stack.onboarding.passcode.api;

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

import com.stack.defaults.security.Caller;
import com.stack.onboarding.OnboardingApplication;
import com.stack.onboarding.passcode.adapters.PasscodeChangeRepository;
import com.stack.onboarding.passcode.app.PasscodeHashing;
import com.stack.onboarding.passcode.app.PasscodeLockedException;
import com.stack.onboarding.passcode.app.PasscodeResetRequiredException;
import com.stack.onboarding.passcode.app.Passcodes;
import com.stack.onboarding.user.adapters.UserRepository;
import com.stack.testsupport.SubgraphIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The passcode's lockout and limits against the real database, through the subgraph's GraphQL endpoint
 * (and, where hours must pass, through {@link Passcodes} on a clock the test moves).
 */
@SpringBootTest(
        classes = OnboardingApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=onboarding-service")
class PasscodeLockoutAndLimitsTest extends SubgraphIntegrationTest {

    private static final String PASSCODE = "4826";
    private static final String VERIFY = "mutation($p: String!) { verifyPasscode(passcode: $p) { ok attemptsLeft } }";
    private static final String SET = "mutation($p: String!) { setPasscode(passcode: $p) }";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registerService(registry, "stack_onboarding_passcode_test");
    }

    @Autowired
    UserRepository users;

    @Autowired
    PasscodeChangeRepository changes;

    @Autowired
    TransactionalOperator transactions;

    @Autowired
    PasscodeHashing hashing;

    @Autowired
    Passcodes.Settings settings;

    @Autowired
    MeterRegistry meters;

    @Autowired
    DatabaseClient db;

    /** The old lockout started afresh every 15 minutes: about 480 guesses a day. */
    @Test
    void aDayOfGuessingAsFastAsAllowedGetsFifteenGuessesThenNeedsAReset() {
        String subject = signedUpWithPasscode();
        MovingClock clock = new MovingClock(Instant.now());
        Passcodes passcodes = new Passcodes(users, changes, transactions, hashing, settings, clock);
        Caller caller = new Caller(userIdOf(subject), subject, null);
        Instant end = clock.instant().plus(Duration.ofDays(1));

        int guesses = 0;
        Throwable last = null;
        while (clock.instant().isBefore(end)) {
            try {
                assertThat(passcodes.verify(caller, "9999").block().ok()).isFalse();
                guesses++;
            } catch (PasscodeLockedException locked) {
                clock.moveTo(Instant.parse((String) locked.extensions().get("lockedUntil")));
            } catch (PasscodeResetRequiredException reset) {
                last = reset;
                break;
            }
        }

        assertThat(guesses)
                .isEqualTo(settings.lockout().maxGuessesBeforeReset())
                .isEqualTo(15);
        assertThat(last).as("the passcode needs a reset within the day").isNotNull();
        // the right passcode does not help any more
        as(subject)
                .document(VERIFY)
                .variable("p", PASSCODE)
                .execute()
                .errors()
                .expect(errorWithCode("PASSCODE_RESET_REQUIRED"))
                .verify();
    }

    @Test
    void aLockedPasscodeIsReplacedOnlyAfterSigningInAgain() {
        String subject = signedUpWithPasscode();
        guessWrong(subject, 5);
        List<ResponseError> locked = as(subject)
                .document(VERIFY)
                .variable("p", PASSCODE)
                .execute()
                .returnResponse()
                .getErrors();
        assertThat(locked)
                .singleElement()
                .satisfies(error -> assertThat(error.getExtensions())
                        .containsEntry("code", "PASSCODE_LOCKED")
                        .hasEntrySatisfying(
                                "retryAfter",
                                seconds -> assertThat(((Number) seconds).longValue())
                                        .isBetween(890L, 900L))
                        .containsKey("lockedUntil"));

        Instant tenMinutesAgo = Instant.now().minus(Duration.ofMinutes(10));
        String oldSession = ISSUER.sign(
                ISSUER.claims(subject).issueTime(Date.from(tenMinutesAgo)).build());
        String refreshedOldSignIn = ISSUER.sign(ISSUER.claims(subject)
                .claim("auth_time", tenMinutesAgo.getEpochSecond())
                .build());
        withToken(oldSession)
                .document(SET)
                .variable("p", "1357")
                .execute()
                .errors()
                .expect(errorWithCode("REAUTHENTICATION_REQUIRED"))
                .verify();
        withToken(refreshedOldSignIn)
                .document(SET)
                .variable("p", "1357")
                .execute()
                .errors()
                .expect(errorWithCode("REAUTHENTICATION_REQUIRED"))
                .verify();
        String freshSignIn = ISSUER.sign(ISSUER.claims(subject)
                .claim("auth_time", Instant.now().getEpochSecond())
                .build());
        withToken(freshSignIn)
                .document(SET)
                .variable("p", "1357")
                .execute()
                .path("setPasscode")
                .entity(Boolean.class)
                .isEqualTo(true);

        as(subject)
                .document(VERIFY)
                .variable("p", "1357")
                .execute()
                .path("verifyPasscode.ok")
                .entity(Boolean.class)
                .isEqualTo(true)
                .path("verifyPasscode.attemptsLeft")
                .entity(Integer.class)
                .isEqualTo(5);
        Map<String, Object> row = lockoutRow(subject);
        assertThat(row).containsEntry("failed", 0).containsEntry("lockouts", 0).containsEntry("reset", false);
    }

    @Test
    void aSuccessfulVerificationEndsTheEscalation() {
        String subject = signedUpWithPasscode();
        guessWrong(subject, 4);
        as(subject)
                .document(VERIFY)
                .variable("p", PASSCODE)
                .execute()
                .path("verifyPasscode.ok")
                .entity(Boolean.class)
                .isEqualTo(true);
        as(subject)
                .document(VERIFY)
                .variable("p", "9999")
                .execute()
                .path("verifyPasscode.attemptsLeft")
                .entity(Integer.class)
                .isEqualTo(4);
    }

    @Test
    void parallelWrongGuessesGetNoMoreAttemptsThanAllowed() {
        String subject = signedUpWithPasscode();
        HttpGraphQlTester client = as(subject);

        List<Object> outcomes = Flux.range(0, 12)
                .flatMap(
                        i -> Mono.fromCallable(() -> {
                                    var response = client.document(VERIFY)
                                            .variable("p", "9999")
                                            .execute()
                                            .returnResponse();
                                    return response.getErrors().isEmpty()
                                            ? (Object) response.field("verifyPasscode.attemptsLeft")
                                                    .getValue()
                                            : response.getErrors()
                                                    .get(0)
                                                    .getExtensions()
                                                    .get("code");
                                })
                                .subscribeOn(Schedulers.boundedElastic()),
                        12)
                .collectList()
                .block(Duration.ofSeconds(60));

        assertThat(outcomes).filteredOn(Integer.class::isInstance).containsExactlyInAnyOrder(4, 3, 2, 1, 0);
        assertThat(outcomes).filteredOn(String.class::isInstance).hasSize(7).containsOnly("PASSCODE_LOCKED");
        assertThat(lockoutRow(subject)).containsEntry("lockouts", 1).containsEntry("failed", 0);
    }

    @Test
    void setPasscodeIsLimitedPerUserInTheServicesOwnDatabase() {
        String subject = signedUpWithPasscode();
        for (int i = 0; i < 4; i++) {
            as(subject)
                    .document(SET)
                    .variable("p", i % 2 == 0 ? "1357" : PASSCODE)
                    .execute()
                    .path("setPasscode")
                    .entity(Boolean.class)
                    .isEqualTo(true);
        }
        double hashes = hashes();

        List<ResponseError> limited = as(subject)
                .document(SET)
                .variable("p", "1357")
                .execute()
                .returnResponse()
                .getErrors();

        assertThat(limited)
                .singleElement()
                .satisfies(error -> assertThat(error.getExtensions())
                        .containsEntry("code", "RATE_LIMITED")
                        .hasEntrySatisfying(
                                "retryAfter",
                                seconds -> assertThat(((Number) seconds).longValue())
                                        .isBetween(3500L, 3600L)));
        assertThat(hashes()).as("no hash for a refused change").isEqualTo(hashes);
        // another user is not limited by it
        signedUpWithPasscode();
    }

    @Test
    void aMalformedOrHugePasscodeIsRefusedBeforeItIsCountedOrHashed() {
        String subject = signedUpWithPasscode();
        double hashes = hashes();
        // within the shared bounds on every string argument, so this service's own rule answers
        for (String bad : List.of("1".repeat(500), "12a4", "123", "", "48260000")) {
            as(subject)
                    .document(VERIFY)
                    .variable("p", bad)
                    .execute()
                    .errors()
                    .expect(errorWithCode("BAD_USER_INPUT", "passcode"))
                    .verify();
            as(subject)
                    .document(SET)
                    .variable("p", bad)
                    .execute()
                    .errors()
                    .expect(errorWithCode("BAD_USER_INPUT", "passcode"))
                    .verify();
        }
        // beyond them, the shared bounds answer first
        as(subject)
                .document(VERIFY)
                .variable("p", "1".repeat(100_000))
                .execute()
                .errors()
                .expect(errorWithCode("BAD_USER_INPUT"))
                .verify();
        long started = System.nanoTime();
        WebTestClient.bindToServer()
                .baseUrl(graphQlUrl())
                .responseTimeout(RESPONSE_TIMEOUT)
                .build()
                .post()
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ISSUER.token(subject, null))
                .bodyValue(Map.of("query", VERIFY, "variables", Map.of("p", "7".repeat(10 * 1024 * 1024))))
                .exchange()
                // refused while the body is read, beyond the server's buffer limit (256 KB): the client's fault,
                // and nothing was decoded, counted or hashed
                .expectStatus()
                .isEqualTo(413)
                .expectBody()
                .jsonPath("$.errors[0].extensions.code")
                .isEqualTo("REQUEST_TOO_LARGE");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(hashes()).isEqualTo(hashes);
        assertThat(lockoutRow(subject)).containsEntry("failed", 0);
    }

    private double hashes() {
        return meters.timer("stack.onboarding.passcode.hashes").count();
    }

    private String signedUpWithPasscode() {
        String subject = newSubject();
        as(subject)
                .document("mutation($e: String!) { signUp(input: {email: $e}) { id } }")
                .variable("e", UUID.randomUUID() + "@example.com")
                .execute()
                .path("signUp.id")
                .hasValue();
        as(subject)
                .document(SET)
                .variable("p", PASSCODE)
                .execute()
                .path("setPasscode")
                .entity(Boolean.class)
                .isEqualTo(true);
        return subject;
    }

    private void guessWrong(String subject, int times) {
        for (int i = 0; i < times; i++) {
            as(subject)
                    .document(VERIFY)
                    .variable("p", "9999")
                    .execute()
                    .path("verifyPasscode.ok")
                    .entity(Boolean.class)
                    .isEqualTo(false);
        }
    }

    private HttpGraphQlTester withToken(String token) {
        return HttpGraphQlTester.create(WebTestClient.bindToServer()
                .baseUrl(graphQlUrl())
                .responseTimeout(RESPONSE_TIMEOUT)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .build());
    }

    private Map<String, Object> lockoutRow(String subject) {
        return db.sql("SELECT passcode_failed_attempts AS failed, passcode_lockouts AS lockouts, "
                        + "passcode_reset_required AS reset FROM users WHERE id = :id")
                .bind("id", userIdOf(subject))
                .fetch()
                .one()
                .block();
    }

    /** A clock the test moves forward, as hours pass between guesses. */
    private static final class MovingClock extends Clock {

        private final AtomicReference<Instant> now;

        MovingClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void moveTo(Instant instant) {
            now.set(instant);
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
