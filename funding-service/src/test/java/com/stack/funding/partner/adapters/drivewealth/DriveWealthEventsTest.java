package com.stack.funding.partner.adapters.drivewealth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Map;

import com.stack.defaults.partners.drivewealth.DriveWealthConnection;
import com.stack.defaults.partners.drivewealth.DriveWealthEvent;
import com.stack.funding.broker.domain.BrokerReport;
import com.stack.funding.partner.adapters.PartnerSandbox;
import org.junit.jupiter.api.Test;

/** DriveWealth's event envelope and deposit events as funding reads them, and its {@code stack.drivewealth.*}. */
class DriveWealthEventsTest {

    @Test
    void anEnvelopeGivesTheInboxItsIdAndTypeAndWhatDoesNotFitTheInboxIsMalformed() {
        assertThat(DriveWealthEvents.envelope("{\"id\":\"evt-1\",\"type\":\"deposits.updated\",\"payload\":{}}"))
                .isEqualTo(new DriveWealthEvents.Envelope("evt-1", "deposits.updated"));
        assertThatThrownBy(() -> DriveWealthEvents.envelope(
                        "{\"id\":\"" + "x".repeat(256) + "\",\"type\":\"deposits.updated\",\"payload\":{}}"))
                .isInstanceOf(DriveWealthEvent.MalformedEventException.class);
        assertThatThrownBy(() -> DriveWealthEvents.envelope("{\"id\":\"evt-1\",\"type\":\"deposits.updated\"}"))
                .isInstanceOf(DriveWealthEvent.MalformedEventException.class);
        assertThatThrownBy(() -> DriveWealthEvents.envelope("not json"))
                .isInstanceOf(DriveWealthEvent.MalformedEventException.class)
                .hasMessageStartingWith("not JSON");
    }

    @Test
    void aFailedDepositEventIsAReportWithItsReason() {
        DriveWealthEvents.DepositReading reading =
                DriveWealthEvents.deposit("{\"id\":\"evt-2\",\"type\":\"deposits.updated\","
                        + "\"payload\":{\"id\":\"DW-1\",\"amount\":\"25.00\",\"status\":{\"id\":5,\"message\":\"RETURNED\"},"
                        + "\"statusComment\":\"R01\"}}");
        assertThat(reading)
                .isEqualTo(new DriveWealthEvents.Report(new BrokerReport(
                        "DW-1", BrokerReport.Outcome.FAILED, new BigDecimal("25.00"), "RETURNED (R01)")));
    }

    @Test
    void theEventQueueIsDriveWealthsEventsUnlessNamedAndTheApiIsTheSandboxsByDefault() {
        DriveWealthProperties defaults =
                PartnerSandbox.properties("stack.drivewealth", DriveWealthProperties.class, Map.of());
        assertThat(defaults.events().queueName()).isEqualTo("drivewealth-events");
        assertThat(defaults.events().enabled()).isTrue();
        assertThat(defaults.events().queue().endpoint()).isEqualTo(URI.create("http://127.0.0.1:8090/sqs"));
        assertThat(PartnerSandbox.properties(
                                "stack.drivewealth",
                                DriveWealthProperties.class,
                                Map.of("stack.drivewealth.events.queue-name", "events-elsewhere"))
                        .events()
                        .queueName())
                .isEqualTo("events-elsewhere");
        DriveWealthConnection connection = PartnerSandbox.properties(
                "stack.drivewealth", DriveWealthConnection.class, Map.of("stack.drivewealth.client-id", "funding"));
        assertThat(connection.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8090/drivewealth/back-office"));
        assertThat(connection.clientId()).isEqualTo("funding");
        assertThat(connection.appKey()).isEqualTo("dw_local_app_key");
    }
}
