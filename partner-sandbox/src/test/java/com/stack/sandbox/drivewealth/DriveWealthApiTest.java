package com.stack.sandbox.drivewealth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/** DriveWealth's sessions, accounts, deposits and redemptions as funding-service's adapter calls them. */
class DriveWealthApiTest extends DriveWealthIntegrationTest {

    @AfterEach
    void clearFailNext() {
        control()
                .post()
                .uri("/drivewealth/fail-next-deposits")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("count", 0))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void theLocalCredentialsGetABearerTokenAndAnythingElseIsL075() {
        driveWealthAnonymous()
                .post()
                .uri("/auth/tokens")
                .header("dw-client-app-key", APP_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("clientID", CLIENT_ID, "clientSecret", CLIENT_SECRET))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .cacheControl(org.springframework.http.CacheControl.noStore())
                .expectBody()
                .jsonPath("$.access_token")
                .isNotEmpty()
                .jsonPath("$.token_type")
                .isEqualTo("bearer")
                .jsonPath("$.expires_in")
                .isEqualTo(3600)
                .jsonPath("$.scope")
                .isEqualTo("all_trading");

        for (Map<String, Object> credentials : List.<Map<String, Object>>of(
                Map.of("clientID", CLIENT_ID, "clientSecret", "wrong"),
                Map.of("clientID", "someone-else", "clientSecret", CLIENT_SECRET),
                Map.of())) {
            driveWealthAnonymous()
                    .post()
                    .uri("/auth/tokens")
                    .header("dw-client-app-key", APP_KEY)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(credentials)
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectBody()
                    .jsonPath("$.errorCode")
                    .isEqualTo("L075")
                    .jsonPath("$.message")
                    .isNotEmpty()
                    .jsonPath("$.errorDetails")
                    .isEmpty();
        }
        assertThat(driveWealthAnonymous()
                        .post()
                        .uri("/auth/tokens")
                        .header("dw-client-app-key", APP_KEY)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("clientID", CLIENT_ID, "clientSecret", "wrong"))
                        .exchange()
                        .expectStatus()
                        .isUnauthorized()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody())
                .contains("\"errorDetails\":null");
        driveWealthAnonymous()
                .post()
                .uri("/auth/tokens")
                .header("dw-client-app-key", "wrong-app-key")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("clientID", CLIENT_ID, "clientSecret", CLIENT_SECRET))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.errorCode")
                .isEqualTo("L075");
        driveWealthAnonymous()
                .post()
                .uri("/auth/tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("clientID", CLIENT_ID, "clientSecret", CLIENT_SECRET))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.errorCode")
                .isEqualTo("L075");
    }

    @Test
    void everyOtherCallNeedsTheAppKeyAndALiveToken() {
        String accountId = (String) openAccount().get("id");
        String token = token();

        driveWealthAnonymous()
                .get()
                .uri("/accounts/{id}/summary/money", accountId)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.errorCode")
                .isEqualTo("L075");
        driveWealthAnonymous()
                .get()
                .uri("/accounts/{id}/summary/money", accountId)
                .header("Authorization", "Bearer " + token)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.errorCode")
                .isEqualTo("L075");
        driveWealthAnonymous()
                .get()
                .uri("/accounts/{id}/summary/money", accountId)
                .header("dw-client-app-key", APP_KEY)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        driveWealthAnonymous()
                .get()
                .uri("/accounts/{id}/summary/money", accountId)
                .header("dw-client-app-key", APP_KEY)
                .header("Authorization", "Bearer not-a-token")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.errorCode")
                .isEqualTo("L075");
        driveWealthAnonymous()
                .get()
                .uri("/accounts/{id}/summary/money", accountId)
                .header("dw-client-app-key", APP_KEY)
                .header("Authorization", "Bearer " + token)
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void anAccountIsOpenedOncePerUser() {
        String user = "user-" + UUID.randomUUID();
        Map<String, Object> account = driveWealth()
                .post()
                .uri("/accounts")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(accountRequest(user))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        assertThat((String) account.get("id"))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.\\d{13}");
        assertThat((String) account.get("accountNo")).matches("DWXX\\d{6}");
        assertThat(account).containsEntry("userID", user).containsEntry("status", Map.of("name", "OPEN"));
        assertThat(Instant.parse((String) account.get("createdWhen"))).isNotNull();

        driveWealth()
                .post()
                .uri("/accounts")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(accountRequest(user))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(account.get("id"))
                .jsonPath("$.accountNo")
                .isEqualTo(account.get("accountNo"));
        assertThat(money((String) account.get("id")))
                .isEqualTo(Map.of(
                        "accountID",
                        account.get("id"),
                        "accountNo",
                        account.get("accountNo"),
                        "cash",
                        Map.of(
                                "cashBalance",
                                "0.00",
                                "cashAvailableForTrade",
                                "0.00",
                                "cashAvailableForWithdrawal",
                                "0.00")));

        driveWealth()
                .get()
                .uri("/accounts/{id}/summary/money", "no-such-account")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.errorCode")
                .isEqualTo("E034");
        driveWealth()
                .post()
                .uri("/accounts")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("userID", "x".repeat(65), "accountType", "PRACTICE", "accountManagementType", "SELF"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errorCode")
                .isEqualTo("E032")
                .jsonPath("$.errorDetails[*].field")
                .isEqualTo(List.of("userID", "accountType", "tradingType"));
    }

    @Test
    void aCashAdjustmentChangesTheAccountsCashPastFundingButNeverBelowZero() {
        Map<String, Object> account = openAccount();
        String accountNo = (String) account.get("accountNo");
        String accountId = (String) account.get("id");
        control()
                .post()
                .uri("/drivewealth/accounts/{no}/cash-adjustments", accountNo)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("amount", "20.00"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.cashBalance")
                .isEqualTo("20.00")
                .jsonPath("$.accountID")
                .isEqualTo(accountId);
        // by the account's id as well: a fee taken at the broker
        control()
                .post()
                .uri("/drivewealth/accounts/{id}/cash-adjustments", accountId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("amount", "-5.25", "reason", "fee"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.cashBalance")
                .isEqualTo("14.75")
                .jsonPath("$.reason")
                .isEqualTo("fee");
        assertThat(cash(accountId)).isEqualTo("14.75");

        control()
                .post()
                .uri("/drivewealth/accounts/{no}/cash-adjustments", accountNo)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("amount", "-14.76"))
                .exchange()
                .expectStatus()
                .isEqualTo(422);
        control()
                .post()
                .uri("/drivewealth/accounts/{no}/cash-adjustments", accountNo)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("amount", "1.005"))
                .exchange()
                .expectStatus()
                .isBadRequest();
        control()
                .post()
                .uri("/drivewealth/accounts/{no}/cash-adjustments", "DWXX-none")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("amount", "1"))
                .exchange()
                .expectStatus()
                .isNotFound();
        assertThat(cash(accountId)).isEqualTo("14.75");
    }

    @Test
    void anIdempotencyKeyUsedForAnotherUserIs422() {
        String key = UUID.randomUUID().toString();
        driveWealth()
                .post()
                .uri("/accounts")
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(accountRequest("user-" + UUID.randomUUID()))
                .exchange()
                .expectStatus()
                .isOk();
        driveWealth()
                .post()
                .uri("/accounts")
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(accountRequest("user-" + UUID.randomUUID()))
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errorCode")
                .isEqualTo("E041");
    }

    @Test
    void aDepositIsPendingThenSuccessfulCreditsTheCashAndIsAnnounced() {
        Map<String, Object> account = openAccount();
        String accountNo = (String) account.get("accountNo");
        Map<String, Object> body = funding(accountNo, 125.00);
        body.put("note", "first deposit");

        Map<String, Object> deposit = created("deposits", body);
        String id = (String) deposit.get("id");
        assertThat(id).matches("DWDEP-[0-9a-f-]{36}");
        assertThat(deposit)
                .containsEntry("accountNo", accountNo)
                .containsEntry("amount", "125.00")
                .containsEntry("currency", "USD")
                .containsEntry("type", "WIRE")
                .containsEntry("note", "first deposit")
                .doesNotContainKey("statusComment");
        assertThat(status(deposit)).containsEntry("id", 1).containsEntry("message", "PENDING");
        assertThat(Instant.parse((String) deposit.get("timestamp"))).isNotNull();

        Map<String, Object> settled = settled("deposits", id);
        assertThat(status(settled)).containsEntry("id", 2).containsEntry("message", "SUCCESSFUL");
        assertThat(Instant.parse((String) status(settled).get("updated")))
                .isAfterOrEqualTo(Instant.parse((String) deposit.get("timestamp")));
        assertThat(cash((String) account.get("id"))).isEqualTo("125.00");

        Awaitility.await().atMost(SETTLED).until(() -> !eventsAbout(id).isEmpty());
        Map<String, Object> event = eventsAbout(id).get(0);
        assertThat(event)
                .containsEntry("type", "deposits.updated")
                .containsEntry("status", "SUCCESSFUL")
                .containsEntry("state", "sent")
                .containsEntry("copies", 1)
                .containsEntry("accountNo", accountNo);
        Map<String, Object> envelope = object(event, "event");
        assertThat(envelope).containsEntry("id", event.get("id")).containsEntry("type", "deposits.updated");
        assertThat(object(envelope, "payload"))
                .containsEntry("id", id)
                .containsEntry("accountNo", accountNo)
                .containsEntry("amount", "125.00")
                .containsEntry("currency", "USD")
                .containsEntry("status", status(settled))
                .doesNotContainKey("statusComment");

        control()
                .get()
                .uri("/drivewealth/deposits?accountNo={no}", accountNo)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.deposits[*].id")
                .isEqualTo(List.of(id));
    }

    @Test
    void theSameIdempotencyKeyIsTheSameDepositAndADifferentRequestIs422() {
        String accountNo = (String) openAccount().get("accountNo");
        String key = UUID.randomUUID().toString();

        String id = (String) create("deposits", funding(accountNo, 10.5), key)
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
        // "10.50" is the same amount as 10.5
        create("deposits", funding(accountNo, "10.50"), key)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(id);
        create("deposits", funding(accountNo, "10.51"), key)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errorCode")
                .isEqualTo("E041")
                .jsonPath("$.message")
                .isNotEmpty();

        settled("deposits", id);
        create("deposits", funding(accountNo, 10.5), key)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(id)
                .jsonPath("$.status.message")
                .isEqualTo("SUCCESSFUL");
        control()
                .get()
                .uri("/drivewealth/deposits?accountNo={no}", accountNo)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.deposits.length()")
                .isEqualTo(1);
    }

    @Test
    void fundingAnAccountMarkedToRejectIsRejectedWithTheReasonAndAnnouncedSo() {
        Map<String, Object> account = openAccount();
        String accountNo = (String) account.get("accountNo");
        control()
                .post()
                .uri("/drivewealth/accounts/{no}/reject-funding", accountNo)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "Account restricted"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("Account restricted");

        String id = (String) created("deposits", funding(accountNo, "50")).get("id");
        Map<String, Object> rejected = settled("deposits", id);
        assertThat(status(rejected)).containsEntry("id", 15).containsEntry("message", "REJECTED");
        assertThat(rejected).containsEntry("statusComment", "Account restricted");
        assertThat(cash((String) account.get("id"))).isEqualTo("0.00");
        Awaitility.await().atMost(SETTLED).until(() -> !eventsAbout(id).isEmpty());
        assertThat(object(object(eventsAbout(id).get(0), "event"), "payload"))
                .containsEntry("statusComment", "Account restricted")
                .containsEntry("status", status(rejected));

        control()
                .delete()
                .uri("/drivewealth/accounts/{no}/reject-funding", accountNo)
                .exchange()
                .expectStatus()
                .isNoContent();
        control()
                .delete()
                .uri("/drivewealth/accounts/{no}/reject-funding", accountNo)
                .exchange()
                .expectStatus()
                .isNotFound();
        String next = (String) created("deposits", funding(accountNo, "50")).get("id");
        assertThat(status(settled("deposits", next))).containsEntry("message", "SUCCESSFUL");
        control()
                .post()
                .uri("/drivewealth/accounts/DWXX-unknown/reject-funding")
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void failNextDepositsRejectsTheNextOnesOnly() {
        String accountNo = (String) openAccount().get("accountNo");
        control()
                .post()
                .uri("/drivewealth/fail-next-deposits")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("count", 1, "reason", "Bank returned the wire"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.remaining")
                .isEqualTo(1);

        String failed = (String) created("deposits", funding(accountNo, "7.00")).get("id");
        String next = (String) created("deposits", funding(accountNo, "8.00")).get("id");
        assertThat(settled("deposits", failed)).containsEntry("statusComment", "Bank returned the wire");
        assertThat(status(settled("deposits", next))).containsEntry("message", "SUCCESSFUL");

        control()
                .post()
                .uri("/drivewealth/fail-next-deposits")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("count", -1))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("count");
    }

    @Test
    void invalidFundingIs400AndAnUnknownAccountOrDeposit404() {
        String accountNo = (String) openAccount().get("accountNo");
        for (Object amount : List.of(0, "0.00", -1, "1.005", 1.005, "abc", "1e12")) {
            create("deposits", funding(accountNo, amount), null)
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errorCode")
                    .isEqualTo("E032");
        }
        Map<String, Object> euros = funding(accountNo, "1.00");
        euros.put("currency", "EUR");
        euros.put("type", "CARD");
        create("deposits", euros, null)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errorDetails[*].field")
                .isEqualTo(List.of("currency", "type"));
        create("deposits", Map.of(), null)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errorDetails[*].field")
                .isEqualTo(List.of("accountNo", "amount", "currency", "type"));
        driveWealth()
                .post()
                .uri("/funding/deposits")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{not json")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errorCode")
                .isEqualTo("E032");

        create("deposits", funding("DWXX-none", "1.00"), null)
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.errorCode")
                .isEqualTo("E034");
        driveWealth()
                .get()
                .uri("/funding/deposits/{id}", "DWDEP-none")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.errorCode")
                .isEqualTo("E034");
        String deposit =
                (String) created("deposits", funding(accountNo, "1.00")).get("id");
        // a deposit is no redemption
        driveWealth()
                .get()
                .uri("/funding/redemptions/{id}", deposit)
                .exchange()
                .expectStatus()
                .isNotFound();
        settled("deposits", deposit);
    }

    @Test
    void aRedemptionAboveTheCashIsRefusedAndConcurrentRedemptionsNeverOverdraw() {
        Map<String, Object> account = openAccount();
        String accountNo = (String) account.get("accountNo");
        settled("deposits", (String)
                created("deposits", funding(accountNo, "100.00")).get("id"));

        String key = UUID.randomUUID().toString();
        create("redemptions", funding(accountNo, "100.01"), key)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errorCode")
                .isEqualTo("E030");
        assertThat(cash((String) account.get("id"))).isEqualTo("100.00");

        String token = token();
        WebClient client = WebClient.builder()
                .baseUrl(baseUrl() + "/drivewealth/back-office")
                .defaultHeader("dw-client-app-key", APP_KEY)
                .defaultHeader("Authorization", "Bearer " + token)
                .build();
        List<Integer> statuses = Flux.range(0, 10)
                .flatMap(
                        i -> client.post()
                                .uri("/funding/redemptions")
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(funding(accountNo, "30.00"))
                                .exchangeToMono(
                                        response -> response.releaseBody().thenReturn(response.statusCode()))
                                .map(HttpStatusCode::value),
                        10)
                .collectList()
                .block(Duration.ofSeconds(30));
        assertThat(statuses).filteredOn(status -> status == 200).hasSize(3);
        assertThat(statuses).filteredOn(status -> status == 422).hasSize(7);
        assertThat(cash((String) account.get("id"))).isEqualTo("10.00");
        Awaitility.await()
                .atMost(SETTLED)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> control()
                                        .get()
                                        .uri("/drivewealth/redemptions?accountNo={no}", accountNo)
                                        .exchange()
                                        .expectStatus()
                                        .isOk()
                                        .expectBody(String.class)
                                        .returnResult()
                                        .getResponseBody()
                                        .split("SUCCESSFUL", -1)
                                        .length
                                - 1
                        == 3);

        // the key refused for insufficient funds is free again
        String id = (String) create("redemptions", funding(accountNo, "10.00"), key)
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
        assertThat(id).startsWith("DWRED-");
        assertThat(status(settled("redemptions", id))).containsEntry("id", 2).containsEntry("message", "SUCCESSFUL");
        assertThat(cash((String) account.get("id"))).isEqualTo("0.00");
        Awaitility.await().atMost(SETTLED).until(() -> !eventsAbout(id).isEmpty());
        assertThat(eventsAbout(id).get(0)).containsEntry("type", "redemptions.updated");
    }

    @Test
    void aRejectedRedemptionCreditsTheCashBack() {
        Map<String, Object> account = openAccount();
        String accountNo = (String) account.get("accountNo");
        settled("deposits", (String)
                created("deposits", funding(accountNo, "40.00")).get("id"));
        control()
                .post()
                .uri("/drivewealth/accounts/{no}/reject-funding", accountNo)
                .exchange()
                .expectStatus()
                .isOk();

        String id = (String) created("redemptions", funding(accountNo, "40.00")).get("id");
        assertThat(cash((String) account.get("id"))).isEqualTo("0.00");
        Map<String, Object> rejected = settled("redemptions", id);
        assertThat(status(rejected)).containsEntry("id", 15);
        assertThat(rejected).containsEntry("statusComment", "Rejected by the partner sandbox");
        assertThat(cash((String) account.get("id"))).isEqualTo("40.00");
        control()
                .get()
                .uri("/drivewealth/redemptions?accountNo={no}", accountNo)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.redemptions[0].status.message")
                .isEqualTo("REJECTED");
    }

    @Test
    void aRequestFaultAnswersInDriveWealthsFormatWithoutADepositAndTheRetryMakesOne() {
        String accountNo = (String) openAccount().get("accountNo");
        control()
                .post()
                .uri("/faults")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "partner",
                        "drivewealth",
                        "method",
                        "POST",
                        "pathPattern",
                        "/funding/deposits",
                        "status",
                        503,
                        "count",
                        1))
                .exchange()
                .expectStatus()
                .isCreated();
        String key = UUID.randomUUID().toString();

        create("deposits", funding(accountNo, "42.00"), key)
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .jsonPath("$.errorCode")
                .isEqualTo("E099")
                .jsonPath("$.message")
                .isEqualTo("Service Unavailable");
        String id = (String) create("deposits", funding(accountNo, "42.00"), key)
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
        create("deposits", funding(accountNo, "42.00"), key)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(id);
        settled("deposits", id);
        control()
                .get()
                .uri("/drivewealth/deposits?accountNo={no}", accountNo)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.deposits.length()")
                .isEqualTo(1);
    }

    @Test
    void dropAndReorderFaultsShapeWhatReachesTheQueue() {
        String accountNo = (String) openAccount().get("accountNo");
        deliveryFault("deposits.updated", "drop");
        String dropped =
                (String) created("deposits", funding(accountNo, "1.00")).get("id");
        Awaitility.await().atMost(SETTLED).until(() -> !eventsAbout(dropped).isEmpty());
        assertThat(eventsAbout(dropped).get(0))
                .containsEntry("state", "dropped")
                .containsEntry("fault", "drop")
                .containsEntry("copies", 0)
                .doesNotContainKey("messageId");
        clearFaults();

        deliveryFault("deposits.updated", "reorder");
        String first = (String) created("deposits", funding(accountNo, "2.00")).get("id");
        Awaitility.await().atMost(SETTLED).until(() -> !eventsAbout(first).isEmpty());
        assertThat(eventsAbout(first).get(0)).containsEntry("state", "held").containsEntry("fault", "reorder");
        clearFaults();
        String second = (String) created("deposits", funding(accountNo, "3.00")).get("id");
        Awaitility.await()
                .atMost(SETTLED)
                .until(() -> "sent".equals(eventsAbout(first).get(0).get("state")));
        Map<String, Object> held = eventsAbout(first).get(0);
        Map<String, Object> next = eventsAbout(second).get(0);
        assertThat(Instant.parse((String) held.get("sentAt")))
                .isAfterOrEqualTo(Instant.parse((String) next.get("sentAt")));
        assertThat(held).containsEntry("copies", 1);
    }
}
