package com.stack.sandbox.drivewealth;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.stack.sandbox.SandboxIntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Tests of the DriveWealth emulation over HTTP, the way funding-service's adapter calls it: a session
 * token from {@code /auth/tokens}, then the app key and the token on every call. Each test leaves no
 * fault behind. Deposits of other tests may still settle while a test runs: events are picked by id.
 */
public abstract class DriveWealthIntegrationTest extends SandboxIntegrationTest {

    /** The local defaults of partner-sandbox.yml. */
    public static final String APP_KEY = "dw_local_app_key";

    public static final String CLIENT_ID = "stack-local";
    public static final String CLIENT_SECRET = "dw_local_secret_change_me";
    protected static final Duration SETTLED = Duration.ofSeconds(10);

    @AfterEach
    void clearFaults() {
        control().delete().uri("/faults").exchange().expectStatus().isNoContent();
    }

    /** Below the DriveWealth base path, without credentials. */
    protected WebTestClient driveWealthAnonymous() {
        return client(baseUrl() + "/drivewealth/back-office").build();
    }

    /** Below the DriveWealth base path, with the app key and a fresh session token. */
    protected WebTestClient driveWealth() {
        return client(baseUrl() + "/drivewealth/back-office")
                .defaultHeader("dw-client-app-key", APP_KEY)
                .defaultHeader("Authorization", "Bearer " + token())
                .build();
    }

    protected String token() {
        return (String) driveWealthAnonymous()
                .post()
                .uri("/auth/tokens")
                .header("dw-client-app-key", APP_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("clientID", CLIENT_ID, "clientSecret", CLIENT_SECRET))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("access_token");
    }

    /** Opens an account for a new user; returns it. */
    protected Map<String, Object> openAccount() {
        return driveWealth()
                .post()
                .uri("/accounts")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(accountRequest(UUID.randomUUID().toString()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
    }

    protected static Map<String, Object> accountRequest(String userId) {
        return Map.of("userID", userId, "accountType", "LIVE", "accountManagementType", "SELF", "tradingType", "CASH");
    }

    protected static Map<String, Object> funding(String accountNo, Object amount) {
        Map<String, Object> body = new HashMap<>();
        body.put("accountNo", accountNo);
        body.put("amount", amount);
        body.put("currency", "USD");
        body.put("type", "WIRE");
        return body;
    }

    /** POSTs a deposit ({@code "deposits"}) or redemption ({@code "redemptions"}). */
    protected WebTestClient.ResponseSpec create(String kind, Map<String, Object> body, String idempotencyKey) {
        return driveWealth()
                .post()
                .uri("/funding/" + kind)
                .contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    if (idempotencyKey != null) {
                        headers.set("Idempotency-Key", idempotencyKey);
                    }
                })
                .bodyValue(body)
                .exchange();
    }

    protected Map<String, Object> created(String kind, Map<String, Object> body) {
        return create(kind, body, null)
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
    }

    protected Map<String, Object> read(String kind, String id) {
        return driveWealth()
                .get()
                .uri("/funding/" + kind + "/{id}", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
    }

    /** Waits until the deposit or redemption is no longer PENDING (nor PROCESSING); returns it. */
    protected Map<String, Object> settled(String kind, String id) {
        Awaitility.await()
                .atMost(SETTLED)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !List.of("PENDING", "PROCESSING")
                        .contains(status(read(kind, id)).get("message")));
        return read(kind, id);
    }

    protected Map<String, Object> money(String accountId) {
        return driveWealth()
                .get()
                .uri("/accounts/{id}/summary/money", accountId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
    }

    protected String cash(String accountId) {
        return (String) object(money(accountId), "cash").get("cashAvailableForWithdrawal");
    }

    /** Every event so far about the deposit or redemption {@code objectId}, oldest first. */
    @SuppressWarnings("unchecked")
    protected List<Map<String, Object>> eventsAbout(String objectId) {
        List<Map<String, Object>> events = (List<Map<String, Object>>) control()
                .get()
                .uri("/drivewealth/events")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("events");
        return events.stream()
                .filter(event -> Objects.equals(event.get("objectId"), objectId))
                .toList();
    }

    /** A delivery fault of DriveWealth's events of {@code type}, for a minute (removed after each test). */
    protected void deliveryFault(String type, String kind) {
        control()
                .post()
                .uri("/faults")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("partner", "drivewealth", "delivery", type, "kind", kind, "durationSeconds", 60))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    @SuppressWarnings("unchecked")
    protected static Map<String, Object> object(Map<String, Object> parent, String name) {
        return (Map<String, Object>) parent.get(name);
    }

    protected static Map<String, Object> status(Map<String, Object> funding) {
        return object(funding, "status");
    }
}
