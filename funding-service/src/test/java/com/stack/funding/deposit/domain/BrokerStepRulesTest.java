package com.stack.funding.deposit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.stack.funding.broker.domain.BrokerReport;
import com.stack.funding.ledger.domain.LedgerPosting;
import com.stack.funding.shared.domain.Chain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The deposit saga's broker step and its postings, without Spring: given a report, expect this step. */
class BrokerStepRulesTest {

    static final UUID USER = UUID.randomUUID();

    static Deposit deposit(DepositStatus status, String amount) {
        return new Deposit(
                UUID.randomUUID(),
                USER,
                Chain.ETHEREUM,
                "0xabc",
                new BigDecimal(amount),
                status,
                null,
                4,
                Instant.now(),
                Instant.now());
    }

    static BrokerReport report(BrokerReport.Outcome outcome) {
        return new BrokerReport("DW-1", outcome, null, outcome == BrokerReport.Outcome.FAILED ? "REJECTED" : null);
    }

    @Test
    void aSuccessfulFundingOfAnOffRampedDepositMovesItToBrokerFunded() {
        DepositSaga.Step step = DepositSaga.brokerReported(
                deposit(DepositStatus.OFF_RAMP_COMPLETE, "125"), report(BrokerReport.Outcome.COMPLETE));
        assertThat(step)
                .isEqualTo(new DepositSaga.Move(DepositStatus.OFF_RAMP_COMPLETE, DepositStatus.BROKER_FUNDED, null));
    }

    @Test
    void aFailedFundingFailsTheDepositWithTheBrokersReason() {
        DepositSaga.Step step = DepositSaga.brokerReported(
                deposit(DepositStatus.OFF_RAMP_COMPLETE, "125"), report(BrokerReport.Outcome.FAILED));
        assertThat(step).isInstanceOfSatisfying(DepositSaga.Move.class, move -> {
            assertThat(move.to()).isEqualTo(DepositStatus.FAILED);
            assertThat(move.failureReason()).isEqualTo("broker funding DW-1 failed: REJECTED");
        });
    }

    @ParameterizedTest
    @EnumSource(BrokerReport.Outcome.class)
    void reportsForAFundedOrFailedDepositChangeNothing(BrokerReport.Outcome outcome) {
        assertThat(DepositSaga.brokerReported(deposit(DepositStatus.BROKER_FUNDED, "125"), report(outcome)))
                .isInstanceOf(DepositSaga.Stay.class);
        assertThat(DepositSaga.brokerReported(deposit(DepositStatus.FAILED, "125"), report(outcome)))
                .isInstanceOf(DepositSaga.Stay.class);
    }

    @ParameterizedTest
    @EnumSource(
            value = DepositStatus.class,
            names = {"PENDING_CONFIRMATION", "CONFIRMED_ON_CHAIN", "OFF_RAMP_INITIATED"})
    void aBrokerReportBeforeTheOffRampCompletedMovesNothing(DepositStatus status) {
        assertThat(DepositSaga.brokerReported(deposit(status, "125"), report(BrokerReport.Outcome.COMPLETE)))
                .isInstanceOf(DepositSaga.Stay.class);
    }

    @Test
    void aPendingReportAfterSuccessCannotUndoTheFunding() {
        assertThat(DepositSaga.brokerReported(
                        deposit(DepositStatus.OFF_RAMP_COMPLETE, "125"), report(BrokerReport.Outcome.PENDING)))
                .isInstanceOf(DepositSaga.Stay.class);
    }

    static Map<String, BigDecimal> byAccount(LedgerPosting posting) {
        return posting.entries().stream()
                .collect(Collectors.toMap(
                        entry -> entry.account().kind().column()
                                + (entry.account().partner() == null
                                        ? ""
                                        : ":" + entry.account().partner()),
                        LedgerPosting.Entry::amount,
                        BigDecimal::add));
    }

    @Test
    void fundingMovesThePayoutFromPendingToBuyingPowerAndFromInTransitToTheBroker() {
        Deposit deposit = deposit(DepositStatus.BROKER_FUNDED, "125.004");
        LedgerPosting posting =
                LedgerPosting.brokerFunded(deposit, OffRampAmount.of(deposit.amountUsdc()), "drivewealth");
        assertThat(posting.reference()).isEqualTo("deposit:" + deposit.id() + ":broker_funded");
        // the dust (0.004) left the user's pending deposit at the off-ramp: only whole cents move on
        assertThat(byAccount(posting))
                .containsOnly(
                        Map.entry("user_pending_deposit", new BigDecimal("-125.000000")),
                        Map.entry("user_buying_power", new BigDecimal("125.000000")),
                        Map.entry("partner_clearing:broker_in_transit", new BigDecimal("125.000000")),
                        Map.entry("partner_clearing:drivewealth", new BigDecimal("-125.000000")));
    }

    @Test
    void aRefusedFundingHoldsThePendingDepositForReviewAndGrantsNoBuyingPower() {
        Deposit deposit = deposit(DepositStatus.FAILED, "40");
        LedgerPosting posting = LedgerPosting.brokerRefused(deposit, OffRampAmount.of(deposit.amountUsdc()));
        assertThat(byAccount(posting))
                .containsOnly(
                        Map.entry("user_pending_deposit", new BigDecimal("-40.000000")),
                        Map.entry("partner_clearing:deposit_review", new BigDecimal("40.000000")));
    }
}
