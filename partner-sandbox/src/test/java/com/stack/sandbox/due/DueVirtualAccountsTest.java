package com.stack.sandbox.due;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import com.stack.sandbox.SandboxIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Due's virtual accounts as funding-service uses them: created once per reference (a clash is a 409 that makes
 * nothing), read by id and found by reference, listed by the control API, refused when invalid, behind the
 * partner's faults; an on-ramp that names one as its sender goes where the account sends, nowhere else (the USD it
 * spends is the account's balance: see {@code WiresBetweenAlpacaAndDueTest}).
 */
class DueVirtualAccountsTest extends SandboxIntegrationTest {

    static final String ETH_ADDRESS = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

    @AfterEach
    void noFaults() {
        control().delete().uri("/faults").exchange().expectStatus().isNoContent();
    }

    @Test
    void aVirtualAccountIsCreatedOncePerReferenceAndFoundByIdAndReference() {
        String reference = "stack-" + UUID.randomUUID();
        Map<String, Object> created = create(reference, "ethereum", ETH_ADDRESS)
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        String id = (String) created.get("id");
        assertThat(id).startsWith("va_");
        assertThat(created)
                .containsEntry("reference", reference)
                .containsEntry("destination", ETH_ADDRESS)
                .containsEntry("railOut", "ethereum")
                .containsEntry("currencyOut", "USDC");
        assertThat(created.get("details"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("schema", "bank_us")
                .containsEntry("routingNumber", "026073150")
                .containsKey("accountNumber");

        create(reference, "ethereum", ETH_ADDRESS)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("reference_already_exists")
                .jsonPath("$.error.field")
                .isEqualTo("reference");

        due().get()
                .uri("/v1/virtual_accounts/{id}", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.reference")
                .isEqualTo(reference);
        due().get()
                .uri("/v1/virtual_accounts?reference={r}", reference)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.length()")
                .isEqualTo(1)
                .jsonPath("$.data[0].id")
                .isEqualTo(id);
        control()
                .get()
                .uri("/due/virtual_accounts?reference={r}", reference)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(1)
                .jsonPath("$.virtualAccounts[0].id")
                .isEqualTo(id);
        due().get()
                .uri("/v1/virtual_accounts/va_unknown")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("not_found");
    }

    @Test
    void anInvalidRequestIsRefusedAndAFaultAnswersInstead() {
        String reference = "stack-" + UUID.randomUUID();
        create(reference, "ach", ETH_ADDRESS)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.field")
                .isEqualTo("railOut");
        create(reference, "solana", ETH_ADDRESS)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.field")
                .isEqualTo("destination");
        control()
                .post()
                .uri("/faults")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "partner",
                        "due",
                        "method",
                        "POST",
                        "pathPattern",
                        "/v1/virtual_accounts",
                        "status",
                        503,
                        "count",
                        1))
                .exchange()
                .expectStatus()
                .isCreated();
        create(reference, "ethereum", ETH_ADDRESS).expectStatus().isEqualTo(503);

        create(reference, "ethereum", ETH_ADDRESS).expectStatus().isCreated();
        control()
                .get()
                .uri("/due/virtual_accounts?reference={r}", reference)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(1);
    }

    @Test
    void anOnRampFromAVirtualAccountGoesOnlyWhereTheAccountSends() {
        String id = (String) create("stack-" + UUID.randomUUID(), "ethereum", ETH_ADDRESS)
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");

        // the USD a wire paid into the account
        control()
                .post()
                .uri("/due/virtual_accounts/{id}/credit", id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("amount", "5.00"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.balance")
                .isEqualTo("5.00");
        onRamp("ethereum", ETH_ADDRESS, id)
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.sender")
                .isEqualTo(id);
        onRamp("solana", "4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T", id)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.field")
                .isEqualTo("sender");
        onRamp("ethereum", ETH_ADDRESS, "va_unknown").expectStatus().isNotFound();
    }

    WebTestClient.ResponseSpec create(String reference, String railOut, String destination) {
        return due().post()
                .uri("/v1/virtual_accounts")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "destination",
                        destination,
                        "schemaIn",
                        "bank_us",
                        "currencyIn",
                        "USD",
                        "railOut",
                        railOut,
                        "currencyOut",
                        "USDC",
                        "reference",
                        reference))
                .exchange();
    }

    WebTestClient.ResponseSpec onRamp(String rail, String address, String sender) {
        String token = (String) due().post()
                .uri("/v1/transfers/quote")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "source",
                        Map.of("rail", "ach", "currency", "USD", "amount", "5.00"),
                        "destination",
                        Map.of("rail", rail, "currency", "USDC")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("token");
        return due().post()
                .uri("/v1/transfers")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("quote", token, "destinationAddress", address, "sender", sender))
                .exchange();
    }

    WebTestClient due() {
        return client(baseUrl() + "/due")
                .defaultHeader("Authorization", "Bearer " + DueTransfersTest.API_KEY)
                .defaultHeader("Due-Account-Id", DueTransfersTest.ACCOUNT_ID)
                .build();
    }
}
