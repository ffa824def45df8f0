package com.stack.sandbox.wires;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.sandbox.SandboxIntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * USD between the Alpaca and Due emulations, as a withdrawal moves it: an Alpaca outgoing wire to a Due virtual
 * account's bank details credits the account's balance when it completes; a Due transfer from the virtual account
 * spends that balance (refused when short, given back when it fails); a Due payout to Alpaca's incoming wire
 * instructions becomes an incoming wire of the Alpaca account with that number, crediting its cash.
 */
class WiresBetweenAlpacaAndDueTest extends SandboxIntegrationTest {

    static final String ETH_ADDRESS = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    static final String ALPACA_ROUTING = "121000358";

    @AfterEach
    void noFlags() {
        control()
                .post()
                .uri("/due/transfers/fail-next")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("count", 0))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void anOutgoingWireToAVirtualAccountCreditsItsBalanceWhenItCompletes() {
        Map<String, Object> va = virtualAccount();
        String user = alpacaAccount("100.00");
        String bank = recipientBank(user, details(va, "routingNumber"), details(va, "accountNumber"));

        String wire = (String) wire(user, bank, "40.00")
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
        assertThat(balance(va)).as("nothing arrives before the wire completes").isEqualTo("0.00");
        awaitAlpacaStatus(user, wire, "COMPLETE");
        assertThat(balance(va)).isEqualTo("40.00");
        assertThat(cash(user)).isEqualByComparingTo("60.00");
        control()
                .get()
                .uri("/due/virtual_accounts?reference={r}", va.get("reference"))
                .exchange()
                .expectBody()
                .jsonPath("$.virtualAccounts[0].balance")
                .isEqualTo("40.00");

        // Due's routing number, but no virtual account with that number: the wire comes back
        String nowhere = recipientBank(user, details(va, "routingNumber"), "1");
        String returned = (String) wire(user, nowhere, "10.00")
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
        assertThat((String) awaitAlpacaStatus(user, returned, "REJECTED").get("reason"))
                .contains("no account");
        assertThat(cash(user)).isEqualByComparingTo("60.00");
        assertThat(balance(va)).isEqualTo("40.00");
    }

    @Test
    void aTransferFromAVirtualAccountTakesItsBalanceAndIsRefusedWhenItIsShort() {
        Map<String, Object> va = virtualAccount();
        credit(va, "10.00");

        String token = quote("ach", "6.00", "ethereum", "USDC");
        onRamp(token, va)
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.sender")
                .isEqualTo(va.get("id"));
        assertThat(balance(va)).isEqualTo("4.00");

        String tooMuch = quote("ach", "5.00", "ethereum", "USDC");
        onRamp(tooMuch, va)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("insufficient_funds")
                .jsonPath("$.error.field")
                .isEqualTo("sender");
        assertThat(balance(va)).isEqualTo("4.00");
        // the refusal left the quote unused: once the USD is there, the same quote goes through
        credit(va, "1.00");
        onRamp(tooMuch, va).expectStatus().isCreated();
        assertThat(balance(va)).isEqualTo("0.00");
        control()
                .post()
                .uri("/due/virtual_accounts/va_unknown/credit")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("amount", "1.00"))
                .exchange()
                .expectStatus()
                .isNotFound();
        control()
                .post()
                .uri("/due/virtual_accounts/{id}/credit", va.get("id"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("amount", "-1"))
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void aFailedTransferPutsTheUsdBackInTheVirtualAccount() {
        Map<String, Object> va = virtualAccount();
        credit(va, "10.00");
        control()
                .post()
                .uri("/due/transfers/fail-next")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("count", 1, "failureReason", "compliance_hold"))
                .exchange()
                .expectStatus()
                .isOk();

        String id = (String) onRamp(quote("ach", "7.00", "ethereum", "USDC"), va)
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
        assertThat(balance(va)).isEqualTo("3.00");
        awaitDueStatus(id, "failed");
        assertThat(balance(va)).isEqualTo("10.00");
    }

    @Test
    void aPayoutToAlpacasIncomingWireInstructionsBecomesAnIncomingWireThatCreditsTheCash() {
        String user = alpacaAccount("0.00");
        String accountNumber = (String) alpaca().get()
                .uri("/v1/accounts/{id}", user)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("account_number");
        control()
                .get()
                .uri("/alpaca/incoming-wire")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.routing_number")
                .isEqualTo(ALPACA_ROUTING)
                .jsonPath("$.bank_name")
                .isEqualTo("Alpaca Sandbox Bank");
        Map<String, Object> va = virtualAccount();
        credit(va, "25.00");
        String recipient = dueRecipient(accountNumber, ALPACA_ROUTING);
        String memo = "STACK refund of withdrawal " + UUID.randomUUID();

        String token = quote("bank_us", "25.00", "bank_us", "USD");
        payout(token, recipient, null, memo)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.field")
                .isEqualTo("sender");
        String payout = (String) payout(token, recipient, (String) va.get("id"), memo)
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
        assertThat(balance(va)).isEqualTo("0.00");
        awaitDueStatus(payout, "completed");

        List<Map<String, Object>> incoming = alpaca().get()
                .uri("/v1/accounts/{id}/transfers?direction=INCOMING", user)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBodyList(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        assertThat(incoming).hasSize(1);
        assertThat(incoming.get(0))
                .containsEntry("direction", "INCOMING")
                .containsEntry("type", "wire")
                .containsEntry("amount", "25.00")
                .containsEntry("additional_information", memo)
                .containsEntry("account_id", user);
        awaitAlpacaStatus(user, (String) incoming.get(0).get("id"), "COMPLETE");
        assertThat(cash(user)).isEqualByComparingTo("25.00");
        control()
                .get()
                .uri("/alpaca/funding-events?transfer_id={id}", incoming.get(0).get("id"))
                .exchange()
                .expectBody()
                .jsonPath("$.events[*].status_to")
                .isEqualTo(List.of("QUEUED", "SENT_TO_CLEARING", "COMPLETE"));
    }

    @Test
    void aPayoutToAnAlpacaAccountNumberNoAccountHasFailsAndPutsTheUsdBack() {
        Map<String, Object> va = virtualAccount();
        credit(va, "8.00");
        String recipient = dueRecipient("12345678", ALPACA_ROUTING);

        String payout =
                (String) payout(quote("bank_us", "8.00", "bank_us", "USD"), recipient, (String) va.get("id"), "refund")
                        .expectStatus()
                        .isCreated()
                        .expectBody(JSON_OBJECT)
                        .returnResult()
                        .getResponseBody()
                        .get("id");
        assertThat(balance(va)).isEqualTo("0.00");
        Map<String, Object> failed = awaitDueStatus(payout, "failed");
        assertThat(failed).containsEntry("failureReason", "recipient_account_not_found");
        assertThat(balance(va)).isEqualTo("8.00");
    }

    // --- Alpaca ---

    WebTestClient alpaca() {
        String basic = Base64.getEncoder()
                .encodeToString("alpaca_local_key:alpaca_local_secret".getBytes(StandardCharsets.UTF_8));
        return client(baseUrl() + "/alpaca")
                .defaultHeader("Authorization", "Basic " + basic)
                .build();
    }

    String alpacaAccount(String cash) {
        String id = (String) alpaca().post()
                .uri("/v1/accounts")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "contact",
                        Map.of("email_address", "user@example.com"),
                        "identity",
                        Map.of("given_name", "Ada", "family_name", "Lovelace")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
        control()
                .put()
                .uri("/alpaca/accounts/{id}/cash", id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("cash", cash))
                .exchange()
                .expectStatus()
                .isOk();
        return id;
    }

    String recipientBank(String account, String routing, String accountNumber) {
        return (String) alpaca().post()
                .uri("/v1/accounts/{id}/recipient_banks", account)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "name",
                        "Due virtual account",
                        "bank_code",
                        routing,
                        "bank_code_type",
                        "ABA",
                        "account_number",
                        accountNumber.length() < 4 ? "000" + accountNumber : accountNumber))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
    }

    WebTestClient.ResponseSpec wire(String account, String bank, String amount) {
        return alpaca().post()
                .uri("/v1/accounts/{id}/transfers", account)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "transfer_type",
                        "wire",
                        "bank_id",
                        bank,
                        "amount",
                        amount,
                        "direction",
                        "OUTGOING",
                        "additional_information",
                        "STACK withdrawal " + UUID.randomUUID()))
                .exchange();
    }

    BigDecimal cash(String account) {
        return new BigDecimal((String) alpaca().get()
                .uri("/v1/trading/accounts/{id}/account", account)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("cash"));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> awaitAlpacaStatus(String account, String id, String status) {
        Map<String, Object>[] found = new Map[1];
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    found[0] = alpaca()
                            .get()
                            .uri("/v1/accounts/{id}/transfers", account)
                            .exchange()
                            .expectStatus()
                            .isOk()
                            .expectBodyList(JSON_OBJECT)
                            .returnResult()
                            .getResponseBody()
                            .stream()
                            .filter(transfer -> id.equals(transfer.get("id")))
                            .findFirst()
                            .orElseThrow();
                    return status.equals(found[0].get("status"));
                });
        return found[0];
    }

    // --- Due ---

    WebTestClient due() {
        return client(baseUrl() + "/due")
                .defaultHeader("Authorization", "Bearer dk_local_sandbox_key")
                .defaultHeader("Due-Account-Id", "acct_stack_local")
                .build();
    }

    Map<String, Object> virtualAccount() {
        Map<String, Object> made = due().post()
                .uri("/v1/virtual_accounts")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "destination",
                        ETH_ADDRESS,
                        "schemaIn",
                        "bank_us",
                        "currencyIn",
                        "USD",
                        "railOut",
                        "ethereum",
                        "currencyOut",
                        "USDC",
                        "reference",
                        "stack-" + UUID.randomUUID()))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        assertThat(made).containsEntry("balance", "0.00");
        return made;
    }

    @SuppressWarnings("unchecked")
    static String details(Map<String, Object> virtualAccount, String field) {
        return (String) ((Map<String, Object>) virtualAccount.get("details")).get(field);
    }

    String balance(Map<String, Object> virtualAccount) {
        return (String) due().get()
                .uri("/v1/virtual_accounts/{id}", virtualAccount.get("id"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("balance");
    }

    void credit(Map<String, Object> virtualAccount, String amount) {
        control()
                .post()
                .uri("/due/virtual_accounts/{id}/credit", virtualAccount.get("id"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("amount", amount))
                .exchange()
                .expectStatus()
                .isOk();
    }

    String dueRecipient(String accountNumber, String routingNumber) {
        return (String) due().post()
                .uri("/v1/recipients")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "name",
                        "Alpaca Sandbox Bank",
                        "details",
                        Map.of(
                                "schema",
                                "bank_us",
                                "accountNumber",
                                accountNumber,
                                "routingNumber",
                                routingNumber,
                                "bankName",
                                "Alpaca Sandbox Bank")))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
    }

    String quote(String sourceRail, String usd, String destinationRail, String destinationCurrency) {
        return (String) due().post()
                .uri("/v1/transfers/quote")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "source",
                        Map.of("rail", sourceRail, "currency", "USD", "amount", usd),
                        "destination",
                        Map.of("rail", destinationRail, "currency", destinationCurrency)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("token");
    }

    WebTestClient.ResponseSpec onRamp(String token, Map<String, Object> virtualAccount) {
        return due().post()
                .uri("/v1/transfers")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(
                        Map.of("quote", token, "destinationAddress", ETH_ADDRESS, "sender", virtualAccount.get("id")))
                .exchange();
    }

    WebTestClient.ResponseSpec payout(String token, String recipient, String sender, String memo) {
        Map<String, Object> body = sender == null
                ? Map.of("quote", token, "recipient", recipient, "memo", memo)
                : Map.of("quote", token, "recipient", recipient, "sender", sender, "memo", memo);
        return due().post()
                .uri("/v1/transfers")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    Map<String, Object> awaitDueStatus(String id, String status) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> status.equals(due().get()
                        .uri("/v1/transfers/{id}", id)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(JSON_OBJECT)
                        .returnResult()
                        .getResponseBody()
                        .get("status")));
        return due().get()
                .uri("/v1/transfers/{id}", id)
                .exchange()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
    }
}
