package com.stack.funding.deposit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.stack.funding.ledger.domain.LedgerPosting;
import com.stack.funding.saga.domain.SagaCommand;
import com.stack.funding.shared.domain.Chain;
import com.stack.funding.shared.domain.PayoutReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The off-ramp's money rule, its saga steps (given the deposit and a reply, expect a step) and its journals. */
class OffRampRulesTest {

    static Deposit deposit(DepositStatus status, String amount) {
        return new Deposit(
                UUID.randomUUID(),
                UUID.randomUUID(),
                Chain.ETHEREUM,
                "0xabc",
                new BigDecimal(amount).setScale(6),
                status,
                null,
                4,
                Instant.now(),
                Instant.now());
    }

    // --- the amount rule ---

    @ParameterizedTest
    @CsvSource({
        "125, 125.00, 0.000000",
        "125.123456, 125.12, 0.003456",
        "0.019999, 0.01, 0.009999",
        "40.5, 40.50, 0.000000",
        "0.009999, 0.00, 0.009999",
        "1000000.999999, 1000000.99, 0.009999"
    })
    void aPayoutIsTheAmountRoundedDownToTheCentAndTheDustIsTheRest(String usdc, String payout, String dust) {
        OffRampAmount amount = OffRampAmount.of(new BigDecimal(usdc));
        assertThat(amount.payoutText()).isEqualTo(payout);
        assertThat(amount.dust()).isEqualByComparingTo(dust);
        assertThat(amount.payoutUsd().add(amount.dust())).isEqualByComparingTo(usdc);
        assertThat(amount.payoutUsd().scale()).isEqualTo(2);
    }

    @Test
    void anAmountUnderOneCentCannotBePaidOut() {
        assertThat(OffRampAmount.of(new BigDecimal("0.009999")).payable()).isFalse();
        assertThat(OffRampAmount.of(new BigDecimal("0.01")).payable()).isTrue();
    }

    @Test
    void theIdempotencyKeyIsTheSameForADepositEveryTimeAndDiffersBetweenDepositsAndCommands() {
        UUID deposit = UUID.randomUUID();
        assertThat(SagaCommand.INITIATE_OFF_RAMP.idempotencyKey(deposit))
                .isEqualTo(SagaCommand.INITIATE_OFF_RAMP.idempotencyKey(UUID.fromString(deposit.toString())))
                .isNotEqualTo(SagaCommand.INITIATE_OFF_RAMP.idempotencyKey(UUID.randomUUID()))
                .isNotEqualTo(SagaCommand.FUND_BROKER.idempotencyKey(deposit));
        assertThat(SagaCommand.INITIATE_OFF_RAMP.idempotencyKey(deposit).version())
                .isEqualTo(3);
    }

    // --- the saga steps ---

    @Test
    void anAcceptedPayoutMovesAConfirmedDepositToOffRampInitiated() {
        assertThat(DepositSaga.offRampAccepted(deposit(DepositStatus.CONFIRMED_ON_CHAIN, "1")))
                .isEqualTo(
                        new DepositSaga.Move(DepositStatus.CONFIRMED_ON_CHAIN, DepositStatus.OFF_RAMP_INITIATED, null));
    }

    @ParameterizedTest
    @EnumSource(value = DepositStatus.class, names = "CONFIRMED_ON_CHAIN", mode = EnumSource.Mode.EXCLUDE)
    void anAcceptedOrRefusedPayoutChangesNothingOnceTheDepositMovedOn(DepositStatus status) {
        assertThat(DepositSaga.offRampAccepted(deposit(status, "1"))).isInstanceOf(DepositSaga.Stay.class);
        assertThat(DepositSaga.offRampRefused(deposit(status, "1"), "no")).isInstanceOf(DepositSaga.Stay.class);
    }

    @Test
    void aRefusedPayoutFailsAConfirmedDepositWithTheReason() {
        assertThat(DepositSaga.offRampRefused(deposit(DepositStatus.CONFIRMED_ON_CHAIN, "1"), "HTTP 400"))
                .isEqualTo(new DepositSaga.Move(
                        DepositStatus.CONFIRMED_ON_CHAIN, DepositStatus.FAILED, "off-ramp refused: HTTP 400"));
    }

    @Test
    void aPayoutReportMovesAnInitiatedDepositToCompleteOrFailed() {
        Deposit initiated = deposit(DepositStatus.OFF_RAMP_INITIATED, "1");
        assertThat(DepositSaga.payoutReported(
                        initiated, new PayoutReport("p1", PayoutReport.Outcome.COMPLETE, null, null)))
                .isEqualTo(
                        new DepositSaga.Move(DepositStatus.OFF_RAMP_INITIATED, DepositStatus.OFF_RAMP_COMPLETE, null));
        assertThat(DepositSaga.payoutReported(
                        initiated, new PayoutReport("p1", PayoutReport.Outcome.FAILED, null, "insufficient_funds")))
                .isEqualTo(new DepositSaga.Move(
                        DepositStatus.OFF_RAMP_INITIATED,
                        DepositStatus.FAILED,
                        "payout p1 failed: insufficient_funds"));
        assertThat(DepositSaga.payoutReported(
                        initiated, new PayoutReport("p1", PayoutReport.Outcome.PENDING, null, null)))
                .isInstanceOf(DepositSaga.Stay.class);
    }

    @ParameterizedTest
    @CsvSource({
        "OFF_RAMP_COMPLETE, COMPLETE",
        "OFF_RAMP_COMPLETE, FAILED",
        "BROKER_FUNDED, COMPLETE",
        "FAILED, COMPLETE",
        "FAILED, FAILED",
        "CONFIRMED_ON_CHAIN, COMPLETE"
    })
    void aRepeatedOrLatePayoutReportChangesNothing(DepositStatus status, PayoutReport.Outcome outcome) {
        assertThat(DepositSaga.payoutReported(deposit(status, "1"), new PayoutReport("p1", outcome, null, null)))
                .isInstanceOf(DepositSaga.Stay.class);
    }

    // --- the journals ---

    static Map<String, BigDecimal> byAccount(List<LedgerPosting> postings) {
        return postings.stream()
                .flatMap(p -> p.entries().stream())
                .collect(Collectors.groupingBy(
                        e -> e.account().kind().column()
                                + (e.account().partner() == null
                                        ? ""
                                        : "/" + e.account().partner()),
                        Collectors.reducing(BigDecimal.ZERO, LedgerPosting.Entry::amount, BigDecimal::add)));
    }

    @Test
    void anOffRampedDepositKeepsThePayoutPendingForTheUserAndTheDustInTheDustAccount() {
        Deposit deposit = deposit(DepositStatus.OFF_RAMP_INITIATED, "125.123456");
        OffRampAmount amount = OffRampAmount.of(deposit.amountUsdc());
        Map<String, BigDecimal> sums = byAccount(List.of(
                LedgerPosting.depositConfirmedOnChain(deposit),
                LedgerPosting.offRampDust(deposit, amount),
                LedgerPosting.offRampComplete(deposit, amount)));
        assertThat(sums.get("user_pending_deposit")).isEqualByComparingTo("125.12");
        assertThat(sums.get("partner_clearing/dust")).isEqualByComparingTo("0.003456");
        assertThat(sums.get("partner_clearing/broker_in_transit")).isEqualByComparingTo("-125.12");
        assertThat(sums.get("partner_clearing/circle")).isEqualByComparingTo("-0.003456");
        assertThat(sums.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("0");
    }

    @Test
    void aReversalUndoesEverythingTheDepositPostedWithOrWithoutDust() {
        Deposit deposit = deposit(DepositStatus.FAILED, "125.123456");
        OffRampAmount amount = OffRampAmount.of(deposit.amountUsdc());
        Map<String, BigDecimal> afterInitiation = byAccount(List.of(
                LedgerPosting.depositConfirmedOnChain(deposit),
                LedgerPosting.offRampDust(deposit, amount),
                LedgerPosting.depositReversed(deposit, amount, true)));
        Map<String, BigDecimal> beforeInitiation = byAccount(List.of(
                LedgerPosting.depositConfirmedOnChain(deposit), LedgerPosting.depositReversed(deposit, amount, false)));
        for (Map<String, BigDecimal> sums : List.of(afterInitiation, beforeInitiation)) {
            assertThat(sums.values()).allSatisfy(sum -> assertThat(sum).isEqualByComparingTo("0"));
        }
        assertThat(LedgerPosting.depositReversed(deposit, amount, true).reference())
                .isEqualTo("deposit:" + deposit.id() + ":reversed");
    }
}
