package com.stack.funding.partner.adapters.due;

import static com.stack.funding.partner.adapters.PartnerSandbox.ethereumAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.funding.FundingServiceTest;
import com.stack.funding.partner.adapters.PartnerCallException;
import com.stack.funding.partner.adapters.PartnerSandbox;
import com.stack.funding.shared.domain.Chain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * The users' Due virtual accounts against the partner sandbox over HTTP and funding's database: opened on first
 * use and kept, reused after (one account at Due), adopted by their reference when an earlier attempt opened one
 * and crashed before keeping it or when two attempts race, Due's refusals told as refusals and its 5xx asked
 * again.
 */
public class DueVirtualAccountsTest extends FundingServiceTest {

    static final PartnerSandbox SANDBOX = PartnerSandbox.shared();

    @Autowired
    DatabaseClient db;

    final DueClient due = dueClient();

    DueVirtualAccounts virtualAccounts() {
        return new DueVirtualAccounts(due, new DueVirtualAccountRepository(db));
    }

    @AfterEach
    void noFaults() {
        SANDBOX.clearFaults();
    }

    /** A Due client at the partner sandbox, retrying quickly. */
    public static DueClient dueClient() {
        return new DueClient(WebClient.builder(), dueProperties());
    }

    public static DueProperties dueProperties() {
        return PartnerSandbox.properties(
                "stack.due",
                DueProperties.class,
                Map.of(
                        "stack.due.base-url", SANDBOX.url("/due"),
                        "stack.due.resilience.initial-backoff", "10ms",
                        "stack.due.resilience.max-backoff", "20ms"));
    }

    /** The virtual accounts the sandbox's Due has under the user's reference on the chain. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> atDue(UUID user, Chain chain) {
        return (List<Map<String, Object>>) SANDBOX.controlGet(
                        "/due/virtual_accounts?reference={reference}", DueVirtualAccount.referenceOf(user, chain))
                .get("virtualAccounts");
    }

    @Test
    void theFirstUseOpensTheAccountAndKeepsItAndTheNextReusesIt() {
        UUID user = UUID.randomUUID();
        String address = ethereumAddress();

        DueVirtualAccount opened =
                virtualAccounts().forUser(user, Chain.ETHEREUM, address).block(PartnerSandbox.TIMEOUT);
        DueVirtualAccount again =
                virtualAccounts().forUser(user, Chain.ETHEREUM, address).block(PartnerSandbox.TIMEOUT);

        assertThat(opened.virtualAccountId()).startsWith("va_");
        assertThat(opened.reference()).isEqualTo("stack-" + user + "-ethereum");
        assertThat(opened.destination()).isEqualTo(address);
        assertThat(opened.accountNumber()).matches("\\d{10}");
        assertThat(opened.routingNumber()).matches("\\d{9}");
        assertThat(again).isEqualTo(opened);
        assertThat(atDue(user, Chain.ETHEREUM)).singleElement().satisfies(account -> {
            assertThat(account.get("id")).isEqualTo(opened.virtualAccountId());
            assertThat(account)
                    .containsEntry("destination", address)
                    .containsEntry("railOut", "ethereum")
                    .containsEntry("currencyOut", "USDC")
                    .containsEntry("schemaIn", "bank_us")
                    .containsEntry("currencyIn", "USD");
        });
        assertThat(new DueVirtualAccountRepository(db)
                        .find(user, Chain.ETHEREUM)
                        .block(PartnerSandbox.TIMEOUT))
                .isEqualTo(opened);
    }

    @Test
    void anAccountOpenedByAnAttemptThatCrashedBeforeKeepingItIsAdopted() {
        UUID user = UUID.randomUUID();
        String address = ethereumAddress();
        // the crashed attempt: Due opened the account, funding never kept it
        String orphan = due.openVirtualAccount(new DueClient.VirtualAccountRequest(
                        address,
                        "bank_us",
                        "USD",
                        "ethereum",
                        "USDC",
                        DueVirtualAccount.referenceOf(user, Chain.ETHEREUM)))
                .block(PartnerSandbox.TIMEOUT)
                .id();

        DueVirtualAccount adopted =
                virtualAccounts().forUser(user, Chain.ETHEREUM, address).block(PartnerSandbox.TIMEOUT);

        assertThat(adopted.virtualAccountId()).isEqualTo(orphan);
        assertThat(atDue(user, Chain.ETHEREUM)).hasSize(1);
    }

    @Test
    void aReferenceInUseIsAnsweredEmptyAndRacingAttemptsShareOneAccount() {
        UUID user = UUID.randomUUID();
        String address = ethereumAddress();
        DueClient.VirtualAccountRequest request = new DueClient.VirtualAccountRequest(
                address, "bank_us", "USD", "ethereum", "USDC", DueVirtualAccount.referenceOf(user, Chain.ETHEREUM));
        assertThat(due.openVirtualAccount(request).block(PartnerSandbox.TIMEOUT))
                .isNotNull();
        assertThat(due.openVirtualAccount(request).blockOptional(PartnerSandbox.TIMEOUT))
                .isEmpty();

        UUID racer = UUID.randomUUID();
        String racerAddress = ethereumAddress();
        List<DueVirtualAccount> raced = Flux.range(0, 4)
                .flatMap(i -> virtualAccounts().forUser(racer, Chain.ETHEREUM, racerAddress))
                .collectList()
                .block(PartnerSandbox.TIMEOUT);
        assertThat(raced)
                .hasSize(4)
                .extracting(DueVirtualAccount::virtualAccountId)
                .containsOnly((String) atDue(racer, Chain.ETHEREUM).get(0).get("id"));
        assertThat(atDue(racer, Chain.ETHEREUM)).hasSize(1);
    }

    @Test
    void dueRefusingIsARefusalAndItsFiveHundredsAreAskedAgain() {
        UUID user = UUID.randomUUID();
        assertThatThrownBy(() -> virtualAccounts()
                        .forUser(user, Chain.SOLANA, ethereumAddress())
                        .block(PartnerSandbox.TIMEOUT))
                .isInstanceOfSatisfying(
                        PartnerCallException.class,
                        e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("invalid_request");
        assertThat(atDue(user, Chain.SOLANA)).isEmpty();

        SANDBOX.fault("due", "POST", "/v1/virtual_accounts", 503, 2);
        String address = ethereumAddress();
        assertThat(virtualAccounts()
                        .forUser(user, Chain.ETHEREUM, address)
                        .block(PartnerSandbox.TIMEOUT)
                        .destination())
                .isEqualTo(address);
        assertThat(atDue(user, Chain.ETHEREUM)).hasSize(1);

        SANDBOX.fault("due", "GET", "/v1/virtual_accounts", 503, 10);
        UUID other = UUID.randomUUID();
        assertThatThrownBy(() -> virtualAccounts()
                        .forUser(other, Chain.ETHEREUM, ethereumAddress())
                        .block(PartnerSandbox.TIMEOUT))
                .isInstanceOfSatisfying(
                        PartnerCallException.class,
                        e -> assertThat(e.isTransient()).isTrue())
                .hasMessageContaining("HTTP 503");
        assertThat(atDue(other, Chain.ETHEREUM)).isEmpty();
    }

    @Test
    void anAccountKeptForAnotherWalletIsRefused() {
        UUID user = UUID.randomUUID();
        virtualAccounts().forUser(user, Chain.ETHEREUM, ethereumAddress()).block(PartnerSandbox.TIMEOUT);

        assertThatThrownBy(() -> virtualAccounts()
                        .forUser(user, Chain.ETHEREUM, ethereumAddress())
                        .block(PartnerSandbox.TIMEOUT))
                .isInstanceOfSatisfying(
                        PartnerCallException.class,
                        e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("not to the custody wallet");
    }
}
