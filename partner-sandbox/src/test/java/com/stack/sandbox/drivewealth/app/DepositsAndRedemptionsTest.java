package com.stack.sandbox.drivewealth.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import com.stack.sandbox.drivewealth.domain.Funding;
import com.stack.sandbox.drivewealth.domain.FundingKind;
import com.stack.sandbox.drivewealth.domain.FundingStatus;
import com.stack.sandbox.drivewealth.domain.NewAccount;
import com.stack.sandbox.drivewealth.domain.NewFunding;
import com.stack.sandbox.faults.app.Faults;
import com.stack.sandbox.partners.BackgroundTasks;
import com.stack.sandbox.partners.EmulatedPartners;
import com.stack.sandbox.sqs.app.Queues;
import com.stack.sandbox.sqs.domain.StandardQueue;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The settlement with the optional PROCESSING step, without Spring: every status change is one message on the queue. */
class DepositsAndRedemptionsTest {

    final DriveWealthProperties properties = new DriveWealthProperties(
            "app",
            "client",
            "secret",
            Duration.ofHours(1),
            Duration.ofMillis(20),
            true,
            "events",
            Duration.ofSeconds(10),
            "order-events");
    final BackgroundTasks background = new BackgroundTasks();
    final Queues queues = new Queues();
    final FundingEvents events = new FundingEvents(
            queues,
            new Faults(new EmulatedPartners(List.of())),
            background,
            properties,
            JsonMapper.builder().build());
    final DriveWealthAccounts accounts = new DriveWealthAccounts();
    final DepositsAndRedemptions funding = new DepositsAndRedemptions(accounts, events, background, properties);

    @AfterEach
    void stop() {
        background.stop();
    }

    @Test
    void withTheProcessingStepADepositIsProcessingThenSuccessfulEachAnnounced() {
        background.start();
        String accountNo = accounts.open(new NewAccount("user", "LIVE", "SELF", "CASH"), null)
                .value()
                .accountNo();

        Funding deposit = funding.create(
                        new NewFunding(FundingKind.DEPOSIT, accountNo, new BigDecimal("5"), "USD", "WIRE", null), null)
                .value();
        assertThat(deposit.status()).isEqualTo(FundingStatus.PENDING);
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> funding.find(FundingKind.DEPOSIT, deposit.id())
                                .orElseThrow()
                                .status()
                        == FundingStatus.SUCCESSFUL);

        assertThat(events.events())
                .extracting(EventQueue.EventView::status)
                .containsExactly("PROCESSING", "SUCCESSFUL");
        assertThat(accounts.cash(accountNo)).isEqualByComparingTo("5.00");
        StandardQueue queue = queues.named("events").orElseThrow();
        assertThat(queue.receive(10, 30, java.time.Instant.now())).hasSize(2);
    }
}
