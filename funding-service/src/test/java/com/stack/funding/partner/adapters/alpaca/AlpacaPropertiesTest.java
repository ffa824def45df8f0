package com.stack.funding.partner.adapters.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import com.stack.defaults.partners.alpaca.AlpacaConnection;
import com.stack.funding.partner.adapters.PartnerSandbox;
import org.junit.jupiter.api.Test;

/** {@code stack.alpaca.*} as funding binds it: the Broker API's connection and funding's own settings. */
class AlpacaPropertiesTest {

    static final Map<String, String> SETTINGS = Map.of(
            "stack.alpaca.api-key", "key",
            "stack.alpaca.firm-account-id", "firm",
            "stack.alpaca.events.idle-timeout", "5s");

    @Test
    void bothRecordsBindUnderOnePrefixWithTheSandboxsDefaults() {
        AlpacaConnection connection = PartnerSandbox.properties("stack.alpaca", AlpacaConnection.class, SETTINGS);
        AlpacaProperties properties = PartnerSandbox.properties("stack.alpaca", AlpacaProperties.class, SETTINGS);
        assertThat(connection.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8090/alpaca"));
        assertThat(connection.apiKey()).isEqualTo("key");
        assertThat(connection.apiSecret()).isEqualTo("alpaca_local_secret");
        assertThat(properties.firmAccountId()).isEqualTo("firm");
        assertThat(properties.events().enabled()).isTrue();
        assertThat(properties.events().reconnectBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(properties.events().idleTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(PartnerSandbox.properties("stack.alpaca", AlpacaProperties.class, Map.of())
                        .firmAccountId())
                .isEqualTo("b0b6dd9d-8b9b-48a9-ba46-b9d54906e415");
    }

    @Test
    void theIncomingWireInstructionsAreTheSandboxsUnlessSet() {
        assertThat(PartnerSandbox.properties("stack.alpaca", AlpacaProperties.class, SETTINGS)
                        .incomingWire())
                .isEqualTo(new AlpacaProperties.IncomingWire("121000358", "Alpaca Sandbox Bank"));
        assertThat(PartnerSandbox.properties(
                                "stack.alpaca",
                                AlpacaProperties.class,
                                Map.of(
                                        "stack.alpaca.incoming-wire.routing-number", "026009593",
                                        "stack.alpaca.incoming-wire.bank-name", "Some Bank"))
                        .incomingWire())
                .isEqualTo(new AlpacaProperties.IncomingWire("026009593", "Some Bank"));
    }
}
