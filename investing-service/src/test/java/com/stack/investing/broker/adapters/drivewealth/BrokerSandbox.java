package com.stack.investing.broker.adapters.drivewealth;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.investing.broker.app.Broker;
import com.stack.sandbox.PartnerSandboxApplication;
import com.stack.testsupport.InProcessSandbox;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The partner sandbox in-process once per test JVM ({@link InProcessSandbox}) for investing's broker and market
 * data adapters: they call its DriveWealth, Alpaca and SQS emulators over HTTP as production calls the partners, and
 * the tests steer its market and faults through the control API. Orders fill quickly.
 */
public final class BrokerSandbox extends InProcessSandbox {

    /** The sandbox's DriveWealth credentials (the defaults of {@code stack.drivewealth.*}). */
    private static final String DW_APP_KEY = "dw_local_app_key";

    private BrokerSandbox() {
        super(
                PartnerSandboxApplication.application(),
                List.of(),
                "--stack.sandbox.market.fill-delay=100ms",
                "--stack.sandbox.drivewealth.settle-delay=100ms");
    }

    public static BrokerSandbox shared() {
        return shared(BrokerSandbox.class, BrokerSandbox::new);
    }

    /** DriveWealth's back-office API of this sandbox, for {@code stack.drivewealth.base-url}. */
    public String driveWealthUrl() {
        return url("/drivewealth/back-office");
    }

    /**
     * A new account at the sandbox's DriveWealth, opened as funding opens one, holding {@code cash} USD (put there by
     * the control API's cash adjustment: investing never moves cash in).
     */
    public Broker.Account driveWealthAccount(String cash) {
        WebClient driveWealth = WebClient.builder()
                .baseUrl(driveWealthUrl())
                .defaultHeader("dw-client-app-key", DW_APP_KEY)
                .build();
        String token = (String) driveWealth
                .post()
                .uri("/auth/tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("clientID", "stack-local", "clientSecret", "dw_local_secret_change_me"))
                .retrieve()
                .bodyToMono(JSON_OBJECT)
                .block(TIMEOUT)
                .get("access_token");
        Map<String, Object> account = driveWealth
                .post()
                .uri("/accounts")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(token))
                .bodyValue(Map.of(
                        "userID",
                        UUID.randomUUID().toString(),
                        "accountType",
                        "LIVE",
                        "accountManagementType",
                        "SELF",
                        "tradingType",
                        "CASH"))
                .retrieve()
                .bodyToMono(JSON_OBJECT)
                .block(TIMEOUT);
        Broker.Account opened = new Broker.Account((String) account.get("id"), (String) account.get("accountNo"));
        adjustDriveWealthCash(opened, cash);
        return opened;
    }

    /** Changes the account's cash at DriveWealth behind STACK's back (a fee, a correction): {@code amount} signed. */
    public void adjustDriveWealthCash(Broker.Account account, String amount) {
        controlPost(
                "/drivewealth/accounts/{account}/cash-adjustments",
                Map.of("amount", amount, "reason", "test"),
                account.accountNo());
    }
}
