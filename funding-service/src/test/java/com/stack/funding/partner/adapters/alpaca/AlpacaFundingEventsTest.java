package com.stack.funding.partner.adapters.alpaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import com.stack.funding.broker.app.Brokerage;
import com.stack.funding.broker.domain.BrokerReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Alpaca's funding status events and transfer statuses read into funding's terms, without Spring. */
class AlpacaFundingEventsTest {

    static final String EVENT = """
            {"event_id":"01JEXAMPLE0000000000000001","at":"2026-12-07T05:00:00Z","account_id":"acc-1",\
            "transfer_id":"tr-1","status_from":"SENT_TO_CLEARING","status_to":"COMPLETE","direction":"OUTGOING",\
            "type":"wire","amount":"11.00","unknown":{"ignored":true}}""";

    @Test
    void anEventIsReadWithItsDirectionAndAmount() {
        AlpacaFundingEvents.Event event = AlpacaFundingEvents.event(EVENT);

        assertThat(event)
                .isEqualTo(new AlpacaFundingEvents.Event(
                        "01JEXAMPLE0000000000000001",
                        "acc-1",
                        "tr-1",
                        "COMPLETE",
                        AlpacaFundingEvents.Direction.OUTGOING,
                        new BigDecimal("11.00")));
        assertThat(event.status()).isEqualTo(Brokerage.Status.COMPLETE);
        assertThat(AlpacaFundingEvents.report(event))
                .isEqualTo(new BrokerReport("tr-1", BrokerReport.Outcome.COMPLETE, new BigDecimal("11.00"), null));
    }

    @Test
    void aRejectedWireIsAFailedReportWithTheStatus() {
        BrokerReport report =
                AlpacaFundingEvents.report(AlpacaFundingEvents.event(EVENT.replace("\"COMPLETE\"", "\"REJECTED\"")));

        assertThat(report.outcome()).isEqualTo(BrokerReport.Outcome.FAILED);
        assertThat(report.reason()).isEqualTo("wire REJECTED");
    }

    @Test
    void whatIsNotAnEventIsMalformed() {
        assertThatThrownBy(() -> AlpacaFundingEvents.event("not json"))
                .isInstanceOf(AlpacaFundingEvents.MalformedEventException.class);
        assertThatThrownBy(() -> AlpacaFundingEvents.event(EVENT.replace("\"transfer_id\":\"tr-1\",", "")))
                .isInstanceOf(AlpacaFundingEvents.MalformedEventException.class);
        assertThatThrownBy(() -> AlpacaFundingEvents.event(EVENT.replace("OUTGOING", "SIDEWAYS")))
                .isInstanceOf(AlpacaFundingEvents.MalformedEventException.class)
                .hasMessageContaining("SIDEWAYS");
        assertThatThrownBy(() -> AlpacaFundingEvents.event(EVENT.replace("\"11.00\"", "\"eleven\"")))
                .isInstanceOf(AlpacaFundingEvents.MalformedEventException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "QUEUED,PENDING",
        "APPROVAL_PENDING,PENDING",
        "PENDING,PENDING",
        "SENT_TO_CLEARING,PENDING",
        "APPROVED,PENDING",
        "COMPLETE,COMPLETE",
        "REJECTED,FAILED",
        "CANCELED,FAILED",
        "RETURNED,FAILED",
        "complete,COMPLETE"
    })
    void transferStatusesAsTheSagaCountsThem(String alpaca, Brokerage.Status expected) {
        assertThat(AlpacaClient.transferStatus(alpaca)).isEqualTo(expected);
    }
}
