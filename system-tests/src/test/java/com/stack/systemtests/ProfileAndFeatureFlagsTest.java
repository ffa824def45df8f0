package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The profile and feature flags through the gateway: {@code updateProfile} and its refusals, and a flag that a
 * product person switches on for one user (onboarding's internal API, as {@code ./stack flags} calls it) changing
 * what that user, and only that user, can do, without a restart.
 */
class ProfileAndFeatureFlagsTest {

    static final String UPDATE = """
            mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { id profile { phoneNumber displayName timeZone } } }""";
    static final String OPTIONS_TRADING = "options-trading";

    static StackSuite suite;
    static OrderFlows orders;

    @BeforeAll
    static void startSuite() {
        suite = StackSuite.shared();
        orders = new OrderFlows(suite, suite.gatewayUrl(), suite.service("funding"), suite.service("investing"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aUserUpdatesTheirProfileAndBadOrTakenValuesAreRefused() {
        GatewayClient ada = orders.deposits().approvedUserWithWallets();
        assertThat(ada.graphQl("{ me { profile { phoneNumber displayName timeZone } } }")
                        .<Map<String, Object>>at("me.profile"))
                .containsEntry("timeZone", "UTC");

        String phone =
                "+4479" + String.format("%08d", Math.floorMod(UUID.randomUUID().hashCode(), 100_000_000));
        GatewayClient.Response updated = ada.graphQl(
                UPDATE,
                Map.of("i", Map.of("phoneNumber", phone, "displayName", "  Ada L.  ", "timeZone", "Europe/London")));
        assertThat(updated.errors()).isEmpty();
        assertThat(updated.<Map<String, Object>>at("updateProfile.profile"))
                .containsEntry("phoneNumber", phone)
                .containsEntry("displayName", "Ada L.")
                .containsEntry("timeZone", "Europe/London");
        // only the given fields change
        assertThat(ada.graphQl(UPDATE, Map.of("i", Map.of("displayName", "Ada")))
                        .<Map<String, Object>>at("updateProfile.profile"))
                .containsEntry("phoneNumber", phone)
                .containsEntry("timeZone", "Europe/London");

        assertThat(field(ada.graphQl(UPDATE, Map.of("i", Map.of("phoneNumber", "07911 123456")))))
                .containsEntry("code", "BAD_USER_INPUT")
                .containsEntry("field", "phoneNumber");
        assertThat(field(ada.graphQl(UPDATE, Map.of("i", Map.of("timeZone", "Mars/Olympus")))))
                .containsEntry("code", "BAD_USER_INPUT")
                .containsEntry("field", "timeZone");
        assertThat(field(ada.graphQl(UPDATE, Map.of("i", Map.of("displayName", "x".repeat(65))))))
                .containsEntry("code", "BAD_USER_INPUT")
                .containsEntry("field", "displayName");

        // another user cannot take the number
        GatewayClient grace = orders.deposits().approvedUserWithWallets();
        assertThat(field(grace.graphQl(UPDATE, Map.of("i", Map.of("phoneNumber", phone)))))
                .containsEntry("code", "PHONE_NUMBER_TAKEN");
        assertThat(grace.graphQl("{ me { profile { phoneNumber } } }").<Object>at("me.profile.phoneNumber"))
                .isNull();
        // and the refused updates changed nothing
        assertThat(ada.graphQl("{ me { phoneNumber profile { phoneNumber displayName timeZone } } }")
                        .<Map<String, Object>>at("me"))
                .containsEntry("phoneNumber", phone)
                .satisfies(me ->
                        assertThat((Map<String, Object>) me.get("profile")).containsEntry("displayName", "Ada"));
    }

    @Test
    void aFlagSwitchedOnForOneUserChangesWhatThatUserAloneCanDo() {
        GatewayClient allowed = orders.fundedUser("60.00");
        GatewayClient other = orders.fundedUser("60.00");
        String allowedId = orders.userId(allowed);
        LocalDate expiry = LocalDate.now().plusMonths(4).withDayOfMonth(15);
        try {
            // options trading off for everyone but one user, without a restart
            flag(
                    OPTIONS_TRADING,
                    Map.of(
                            "description",
                            "single-leg options",
                            "enabled",
                            true,
                            "percentage",
                            0,
                            "allowList",
                            List.of(allowedId),
                            "countries",
                            List.of()));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(allowed.graphQl("{ me { features } }").<List<String>>at("me.features"))
                        .contains(OPTIONS_TRADING);
                assertThat(other.graphQl("{ me { features } }").<List<String>>at("me.features"))
                        .doesNotContain(OPTIONS_TRADING);
            });
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(field(orders.place(
                                    other,
                                    OrderFlows.optionOrder(
                                            "MSFT", expiry.toString(), "900", "CALL", 1, "BUY", "50.00"))))
                            .containsEntry("code", "FEATURE_NOT_ENABLED"));
            assertThat(orders.placed(
                            allowed,
                            OrderFlows.optionOrder("MSFT", expiry.toString(), "900", "CALL", 1, "BUY", "50.00")))
                    .isNotBlank();
            // the other user still trades what the flag does not gate
            assertThat(orders.placed(other, OrderFlows.symbolOrder("MSFT", "BUY", "5.00")))
                    .isNotBlank();
        } finally {
            onboarding()
                    .delete()
                    .uri("/internal/feature-flags/{name}", OPTIONS_TRADING)
                    .header(
                            HttpHeaders.AUTHORIZATION,
                            "Bearer " + suite.issuer().serviceToken())
                    .exchangeToMono(response -> response.releaseBody())
                    .block(Duration.ofSeconds(10));
        }
        // with no flag defined, options are as they were before flags: open to everyone
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(orders.place(
                                        other,
                                        OrderFlows.optionOrder(
                                                "MSFT", expiry.toString(), "900", "CALL", 1, "BUY", "50.00"))
                                .errors())
                        .isEmpty());
    }

    @Test
    void aFlagLimitedToCountriesFollowsTheCountryOfTheUsersApprovedKyc() {
        // the suite's users pass KYC with an application from GB
        GatewayClient british = orders.fundedUser("60.00");
        LocalDate expiry = LocalDate.now().plusMonths(4).withDayOfMonth(15);
        try {
            flag(
                    OPTIONS_TRADING,
                    Map.of(
                            "description",
                            "options in the US",
                            "enabled",
                            true,
                            "percentage",
                            100,
                            "allowList",
                            List.of(),
                            "countries",
                            List.of("US")));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(british.graphQl("{ me { features } }").<List<String>>at("me.features"))
                        .doesNotContain(OPTIONS_TRADING);
                assertThat(field(orders.place(
                                british,
                                OrderFlows.optionOrder("MSFT", expiry.toString(), "900", "CALL", 1, "BUY", "50.00"))))
                        .containsEntry("code", "FEATURE_NOT_ENABLED");
            });

            flag(
                    OPTIONS_TRADING,
                    Map.of(
                            "description",
                            "options in the US and GB",
                            "enabled",
                            true,
                            "percentage",
                            100,
                            "allowList",
                            List.of(),
                            "countries",
                            List.of("US", "GB")));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(
                                    british.graphQl("{ me { features } }").<List<String>>at("me.features"))
                            .contains(OPTIONS_TRADING));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(orders.place(
                                            british,
                                            OrderFlows.optionOrder(
                                                    "MSFT", expiry.toString(), "900", "CALL", 1, "BUY", "50.00"))
                                    .errors())
                            .isEmpty());
        } finally {
            onboarding()
                    .delete()
                    .uri("/internal/feature-flags/{name}", OPTIONS_TRADING)
                    .header(
                            HttpHeaders.AUTHORIZATION,
                            "Bearer " + suite.issuer().serviceToken())
                    .exchangeToMono(response -> response.releaseBody())
                    .block(Duration.ofSeconds(10));
        }
    }

    private static void flag(String name, Map<String, Object> definition) {
        onboarding()
                .put()
                .uri("/internal/feature-flags/{name}", name)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + suite.issuer().serviceToken())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(definition)
                .retrieve()
                .toBodilessEntity()
                .block(Duration.ofSeconds(10));
    }

    private static WebClient onboarding() {
        return WebClient.create("http://127.0.0.1:" + StackSuite.port(suite.service("onboarding")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> field(GatewayClient.Response response) {
        assertThat(response.errors()).as("errors of %s", response.body()).isNotEmpty();
        return (Map<String, Object>) response.errors().get(0).get("extensions");
    }
}
