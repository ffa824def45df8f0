package com.stack.investing.order.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.v1.KycStatusChanged;
import com.stack.defaults.features.FeatureFlag;
import com.stack.defaults.features.FeatureFlagSet;
import com.stack.defaults.features.FeatureFlags;
import com.stack.defaults.features.RedisFeatureFlagSets;
import com.stack.investing.InvestingServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * placeOrder's gate on options trading: the flag {@code options-trading}, switched in Redis as onboarding switches
 * it, is read by investing without a restart. Off for a user, their option order is FEATURE_NOT_ENABLED on
 * {@code option} and nothing is recorded; on through the allow-list, it is accepted; with no such flag defined,
 * options are open to everyone; an order that is not an option is not gated. A flag limited to countries is on only
 * for users whose approved KYC (onboarding's KycStatusChanged) named one of them.
 */
class OptionsTradingFlagTest extends InvestingServiceTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final String PLACE =
            "mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id status assetType } }";

    @Autowired
    RedisFeatureFlagSets flagSets;

    @Autowired
    FeatureFlags flags;

    @Autowired
    UserCountries countries;

    String userWithBuyingPower(String usd) {
        String subject = newSubject();
        insertCash(userIdOf(subject), usd);
        return subject;
    }

    static Map<String, Object> optionOrder() {
        String expiration =
                LocalDate.now(ZoneOffset.UTC).plusMonths(4).withDayOfMonth(15).toString();
        return Map.of(
                "side",
                "BUY",
                "amountUsd",
                "50.00",
                "idempotencyKey",
                UUID.randomUUID().toString(),
                "option",
                Map.of(
                        "underlying",
                        "MSFT",
                        "expiration",
                        expiration,
                        "strike",
                        "900",
                        "type",
                        "CALL",
                        "contracts",
                        1));
    }

    /** Writes the flag set as onboarding does and waits until investing uses it. */
    void switchTo(FeatureFlag... defined) {
        long version = flags.version().orElse(0) + 1;
        assertThat(flagSets.write(new FeatureFlagSet(version, List.of(defined))).block(TIMEOUT))
                .isTrue();
        await().atMost(TIMEOUT).until(() -> flags.version().orElse(-1) == version);
    }

    long ordersOf(String subject) {
        return db.sql("SELECT count(*) AS n FROM orders WHERE user_id = :user")
                .bind("user", userIdOf(subject))
                .map(row -> row.get("n", Long.class))
                .one()
                .block(TIMEOUT);
    }

    @Test
    void anOptionOrderNeedsTheFlagOnForTheUserAndTheAllowListTurnsItOn() {
        String allowed = userWithBuyingPower("1000.00");
        String other = userWithBuyingPower("1000.00");
        switchTo(new FeatureFlag(
                PlaceOrder.OPTIONS_TRADING, "single-leg options", true, 0, Set.of(userIdOf(allowed)), Set.of()));

        as(other)
                .document(PLACE)
                .variable("input", optionOrder())
                .execute()
                .errors()
                .expect(errorWithCode("FEATURE_NOT_ENABLED", "option"))
                .verify();
        assertThat(ordersOf(other)).isZero();

        as(allowed)
                .document(PLACE)
                .variable("input", optionOrder())
                .execute()
                .errors()
                .verify()
                .path("placeOrder.assetType")
                .entity(String.class)
                .isEqualTo("OPTION")
                .path("placeOrder.status")
                .entity(String.class)
                .isEqualTo("PENDING");
        assertThat(ordersOf(allowed)).isOne();

        // what the flag does not gate stays open to the other user
        as(other)
                .document(PLACE)
                .variable(
                        "input",
                        Map.of(
                                "symbol",
                                "VTI",
                                "side",
                                "BUY",
                                "amountUsd",
                                "5.00",
                                "idempotencyKey",
                                UUID.randomUUID().toString()))
                .execute()
                .errors()
                .verify()
                .path("placeOrder.status")
                .entity(String.class)
                .isEqualTo("PENDING");
    }

    @Test
    void aFlagLimitedToACountryIsOnOnlyForUsersWhoseApprovedKycNamedIt() {
        String british = userWithBuyingPower("1000.00");
        String american = userWithBuyingPower("1000.00");
        String unknown = userWithBuyingPower("1000.00");
        approved(british, "GB", 2);
        approved(american, "US", 2);
        // a stale event (an older KYC version) delivered late changes nothing; a pending one is not a country of record
        approved(american, "GB", 1);
        assertThat(countries
                        .handle(EventEnvelope.of(
                                "/stack/onboarding-service",
                                new KycStatusChanged(userIdOf(unknown), "PENDING", 1, Instant.now(), "GB")))
                        .then()
                        .block(TIMEOUT))
                .isNull();
        switchTo(new FeatureFlag(PlaceOrder.OPTIONS_TRADING, "options in GB", true, 100, Set.of(), Set.of("GB")));

        as(british)
                .document(PLACE)
                .variable("input", optionOrder())
                .execute()
                .errors()
                .verify()
                .path("placeOrder.assetType")
                .entity(String.class)
                .isEqualTo("OPTION");
        for (String refused : List.of(american, unknown)) {
            as(refused)
                    .document(PLACE)
                    .variable("input", optionOrder())
                    .execute()
                    .errors()
                    .expect(errorWithCode("FEATURE_NOT_ENABLED", "option"))
                    .verify();
            assertThat(ordersOf(refused)).isZero();
        }
    }

    void approved(String subject, String country, long kycVersion) {
        countries
                .handle(EventEnvelope.of(
                        "/stack/onboarding-service",
                        new KycStatusChanged(userIdOf(subject), "APPROVED", kycVersion, Instant.now(), country)))
                .block(TIMEOUT);
    }

    @Test
    void withTheFlagDisabledEvenTheAllowListIsRefusedAndWithoutTheFlagOptionsAreOpen() {
        String listed = userWithBuyingPower("1000.00");
        switchTo(new FeatureFlag(PlaceOrder.OPTIONS_TRADING, "", false, 100, Set.of(userIdOf(listed)), Set.of()));
        as(listed)
                .document(PLACE)
                .variable("input", optionOrder())
                .execute()
                .errors()
                .expect(errorWithCode("FEATURE_NOT_ENABLED", "option"))
                .verify();

        switchTo(new FeatureFlag("another-flag", "", false, 0, Set.of(), Set.of()));
        as(listed)
                .document(PLACE)
                .variable("input", optionOrder())
                .execute()
                .errors()
                .verify()
                .path("placeOrder.assetType")
                .entity(String.class)
                .isEqualTo("OPTION");
    }
}
