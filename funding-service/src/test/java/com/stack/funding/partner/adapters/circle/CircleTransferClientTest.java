package com.stack.funding.partner.adapters.circle;

import static com.stack.funding.partner.adapters.PartnerSandbox.ethereumAddress;
import static com.stack.funding.partner.adapters.PartnerSandbox.solanaAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.funding.partner.adapters.OnRampAdapterTest;
import com.stack.funding.partner.adapters.PartnerSandbox;
import com.stack.funding.shared.domain.Chain;
import com.stack.funding.withdrawal.app.OnRamp;
import com.stack.funding.withdrawal.app.OnRamp.OnRampTransfer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Circle Mint's business-account transfers as the on-ramp, against the partner sandbox over HTTP: made,
 * read back, settled, repeated under one key, refused, failed, and Circle answering 503.
 */
class CircleTransferClientTest extends OnRampAdapterTest {

    final OnRamp onRamp = new CircleTransferClient(WebClient.builder(), properties(SANDBOX));

    @Override
    protected OnRamp onRamp() {
        return onRamp;
    }

    static CircleProperties properties(PartnerSandbox sandbox) {
        return PartnerSandbox.properties(
                "stack.circle",
                CircleProperties.class,
                Map.of(
                        "stack.circle.payouts-base-url", sandbox.url("/circle"),
                        "stack.circle.base-url", sandbox.url("/circle"),
                        "stack.circle.transfer-resilience.initial-backoff", "10ms",
                        "stack.circle.transfer-resilience.max-backoff", "20ms",
                        "stack.circle.wallet-resilience.initial-backoff", "10ms",
                        "stack.circle.wallet-resilience.max-backoff", "20ms"));
    }

    @AfterEach
    void noFaultsNorFlags() {
        SANDBOX.clearFaults();
        SANDBOX.controlPost("/circle/transfers/fail-next", Map.of("count", 0));
    }

    @Test
    void aTransferIsPendingThenCompleteAndReadBackByItsId() {
        String address = ethereumAddress();
        OnRampTransfer made = initiate("12.30", Chain.ETHEREUM, address, UUID.randomUUID());

        assertThat(made.status()).isEqualTo(OnRamp.Status.PENDING);
        assertThat(made.partnerTransferId()).isNotBlank();
        assertThat(made.reason()).isNull();
        OnRampTransfer settled = awaitFinal(made.partnerTransferId());
        assertThat(settled).isEqualTo(new OnRampTransfer(made.partnerTransferId(), OnRamp.Status.COMPLETE, null));
        assertThat(sentTo(address)).singleElement().satisfies(transfer -> {
            assertThat(transfer.get("amount")).isEqualTo(Map.of("amount", "12.30", "currency", "USD"));
            assertThat(transfer.get("destination"))
                    .isEqualTo(Map.of("type", "blockchain", "address", address, "chain", "ETH"));
        });
    }

    @Test
    void aSolanaWithdrawalIsSentOnCirclesSolChain() {
        String address = solanaAddress();
        OnRampTransfer made = initiate("5.00", Chain.SOLANA, address, UUID.randomUUID());

        assertThat(awaitFinal(made.partnerTransferId()).status()).isEqualTo(OnRamp.Status.COMPLETE);
        assertThat(sentTo(address))
                .singleElement()
                .extracting(transfer -> transfer.get("destination"))
                .isEqualTo(Map.of("type", "blockchain", "address", address, "chain", "SOL"));
    }

    @Test
    void theSameKeyAgainIsTheSameTransferSentOnce() {
        String address = ethereumAddress();
        UUID key = UUID.randomUUID();
        OnRampTransfer first = initiate("7.00", Chain.ETHEREUM, address, key);
        awaitFinal(first.partnerTransferId());

        OnRampTransfer again = initiate("7.00", Chain.ETHEREUM, address, key);

        assertThat(again).isEqualTo(new OnRampTransfer(first.partnerTransferId(), OnRamp.Status.COMPLETE, null));
        assertThat(sentTo(address)).hasSize(1);
    }

    @Test
    void circleRefusingTheRequestIsARefusalAndNothingIsSent() {
        assertThatThrownBy(() -> initiate("1.00", Chain.ETHEREUM, "0x1234", UUID.randomUUID()))
                .isInstanceOf(OnRamp.OnRampRefusedException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("Circle code 2");
        // more than the business account holds
        String address = ethereumAddress();
        assertThatThrownBy(() -> initiate("99999999.00", Chain.ETHEREUM, address, UUID.randomUUID()))
                .isInstanceOf(OnRamp.OnRampRefusedException.class)
                .hasMessageContaining("Insufficient funds");
        assertThat(sentTo(address)).isEmpty();
    }

    @Test
    void aFailedTransferIsReadWithCirclesErrorCode() {
        SANDBOX.controlPost("/circle/transfers/fail-next", Map.of("count", 1, "errorCode", "blockchain_error"));

        OnRampTransfer made = initiate("3.00", Chain.ETHEREUM, ethereumAddress(), UUID.randomUUID());

        assertThat(awaitFinal(made.partnerTransferId()))
                .isEqualTo(new OnRampTransfer(made.partnerTransferId(), OnRamp.Status.FAILED, "blockchain_error"));
    }

    @Test
    void a503IsAskedAgainUnderTheSameKeyAndOneThatLastsIsUnavailable() {
        String address = ethereumAddress();
        SANDBOX.fault("circle", "POST", CircleTransferClient.TRANSFERS_PATH, 503, 2);

        OnRampTransfer made = initiate("2.00", Chain.ETHEREUM, address, UUID.randomUUID());

        assertThat(made.status()).isEqualTo(OnRamp.Status.PENDING);
        assertThat(sentTo(address)).hasSize(1);

        SANDBOX.fault("circle", "POST", CircleTransferClient.TRANSFERS_PATH, 503, 3);
        String other = ethereumAddress();
        assertThatThrownBy(() -> initiate("2.00", Chain.ETHEREUM, other, UUID.randomUUID()))
                .isInstanceOf(OnRamp.OnRampUnavailableException.class)
                .hasMessageContaining("HTTP 503");
        assertThat(sentTo(other)).isEmpty();

        SANDBOX.fault("circle", "GET", CircleTransferClient.TRANSFERS_PATH + "/*", 503, 3);
        assertThatThrownBy(() -> onRamp.status(made.partnerTransferId()).block(PartnerSandbox.TIMEOUT))
                .isInstanceOf(OnRamp.OnRampUnavailableException.class);
    }

    @Test
    void anUnknownOrMalformedIdIsRefused() {
        assertThatThrownBy(() -> onRamp.status(UUID.randomUUID().toString()).block(PartnerSandbox.TIMEOUT))
                .isInstanceOf(OnRamp.OnRampRefusedException.class)
                .hasMessageContaining("HTTP 404");
        assertThatThrownBy(() -> onRamp.status("../payouts").block(PartnerSandbox.TIMEOUT))
                .isInstanceOf(OnRamp.OnRampRefusedException.class)
                .hasMessageContaining("Not a Circle id");
        assertThat(onRamp.partner()).isEqualTo("circle");
    }

    @Override
    @SuppressWarnings("unchecked")
    protected List<Map<String, Object>> sentTo(String address) {
        return (List<Map<String, Object>>) SANDBOX.controlGet("/circle/transfers?address={address}", address)
                .get("transfers");
    }
}
