package com.stack.funding.deposit.domain;

import static com.stack.funding.deposit.domain.DepositStatus.BROKER_FUNDED;
import static com.stack.funding.deposit.domain.DepositStatus.CONFIRMED_ON_CHAIN;
import static com.stack.funding.deposit.domain.DepositStatus.FAILED;
import static com.stack.funding.deposit.domain.DepositStatus.OFF_RAMP_COMPLETE;
import static com.stack.funding.deposit.domain.DepositStatus.OFF_RAMP_INITIATED;
import static com.stack.funding.deposit.domain.DepositStatus.PENDING_CONFIRMATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import com.stack.funding.shared.domain.Chain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The deposit state machine and the saga's on-chain step, without Spring. */
class DepositSagaTest {

    /** Every step the seed's flow takes, and failure from any unfinished status. Nothing else. */
    static final Set<String> ALLOWED = Set.of(
            "PENDING_CONFIRMATION>CONFIRMED_ON_CHAIN", "PENDING_CONFIRMATION>FAILED",
            "CONFIRMED_ON_CHAIN>OFF_RAMP_INITIATED", "CONFIRMED_ON_CHAIN>FAILED",
            "OFF_RAMP_INITIATED>OFF_RAMP_COMPLETE", "OFF_RAMP_INITIATED>FAILED",
            "OFF_RAMP_COMPLETE>BROKER_FUNDED", "OFF_RAMP_COMPLETE>FAILED");

    static Stream<Arguments> everyPair() {
        return EnumSet.allOf(DepositStatus.class).stream()
                .flatMap(from -> EnumSet.allOf(DepositStatus.class).stream().map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void onlyTheSeedsStepsAndFailureAreAllowed(DepositStatus from, DepositStatus to) {
        boolean allowed = ALLOWED.contains(from + ">" + to);
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
        if (allowed) {
            assertThat(new DepositSaga.Move(from, to, null))
                    .extracting(DepositSaga.Move::to)
                    .isEqualTo(to);
        } else {
            assertThatThrownBy(() -> new DepositSaga.Move(from, to, null))
                    .isInstanceOf(DepositSaga.IllegalDepositTransitionException.class)
                    .hasMessage("A deposit cannot move from " + from.column() + " to " + to.column());
        }
    }

    @ParameterizedTest
    @EnumSource(DepositStatus.class)
    void aDepositBeginsOnlyAsSeenOrConfirmedOnChain(DepositStatus status) {
        boolean first = status == PENDING_CONFIRMATION || status == CONFIRMED_ON_CHAIN;
        assertThat(status.canBeFirst()).isEqualTo(first);
        if (!first) {
            assertThatThrownBy(() -> new DepositSaga.Open(status))
                    .isInstanceOf(DepositSaga.IllegalDepositTransitionException.class);
        }
    }

    @Test
    void brokerFundedAndFailedAreFinal() {
        assertThat(EnumSet.allOf(DepositStatus.class))
                .filteredOn(DepositStatus::isFinal)
                .containsExactlyInAnyOrder(BROKER_FUNDED, FAILED);
    }

    static Deposit at(DepositStatus status) {
        return new Deposit(
                UUID.randomUUID(),
                UUID.randomUUID(),
                Chain.ETHEREUM,
                "0xabc",
                new BigDecimal("1.000000"),
                status,
                null,
                3,
                Instant.EPOCH,
                Instant.EPOCH);
    }

    @Test
    void aFirstReportOpensTheDepositPendingOrConfirmed() {
        assertThat(DepositSaga.onChain(null, ChainConfirmation.PENDING, null))
                .isEqualTo(new DepositSaga.Open(PENDING_CONFIRMATION));
        assertThat(DepositSaga.onChain(null, ChainConfirmation.CONFIRMED, null))
                .isEqualTo(new DepositSaga.Open(CONFIRMED_ON_CHAIN));
        assertThat(DepositSaga.onChain(null, ChainConfirmation.FAILED, "reverted"))
                .isInstanceOf(DepositSaga.Stay.class);
    }

    @Test
    void aConfirmationMovesAPendingDepositForward() {
        assertThat(DepositSaga.onChain(at(PENDING_CONFIRMATION), ChainConfirmation.CONFIRMED, null))
                .isEqualTo(new DepositSaga.Move(PENDING_CONFIRMATION, CONFIRMED_ON_CHAIN, null));
    }

    @Test
    void aFailureFailsAPendingDepositWithThePartnersReason() {
        assertThat(DepositSaga.onChain(at(PENDING_CONFIRMATION), ChainConfirmation.FAILED, "INSUFFICIENT_NATIVE_TOKEN"))
                .isEqualTo(new DepositSaga.Move(
                        PENDING_CONFIRMATION, FAILED, "on-chain transfer failed: INSUFFICIENT_NATIVE_TOKEN"));
    }

    @ParameterizedTest(name = "{1} reported at {0}")
    @CsvSource({
        "PENDING_CONFIRMATION, PENDING",
        "CONFIRMED_ON_CHAIN, CONFIRMED",
        "CONFIRMED_ON_CHAIN, PENDING",
        "OFF_RAMP_INITIATED, PENDING",
        "OFF_RAMP_INITIATED, CONFIRMED",
        "OFF_RAMP_COMPLETE, CONFIRMED",
        "BROKER_FUNDED, CONFIRMED",
        "BROKER_FUNDED, PENDING",
        "FAILED, FAILED",
        "FAILED, CONFIRMED",
        "FAILED, PENDING",
        // money has moved once confirmed: undoing that is reconciliation's call, not one report's
        "CONFIRMED_ON_CHAIN, FAILED",
        "OFF_RAMP_INITIATED, FAILED",
        "BROKER_FUNDED, FAILED"
    })
    void aRepeatedLateOrContradictingReportChangesNothing(DepositStatus status, ChainConfirmation reported) {
        assertThat(DepositSaga.onChain(at(status), reported, null)).isInstanceOf(DepositSaga.Stay.class);
    }

    @Test
    void laterStatusesAreBeyondEarlierOnesAndFailedIsBeyondNone() {
        assertThat(BROKER_FUNDED.isAtOrBeyond(CONFIRMED_ON_CHAIN)).isTrue();
        assertThat(OFF_RAMP_COMPLETE.isAtOrBeyond(OFF_RAMP_INITIATED)).isTrue();
        assertThat(PENDING_CONFIRMATION.isAtOrBeyond(CONFIRMED_ON_CHAIN)).isFalse();
        assertThat(FAILED.isAtOrBeyond(PENDING_CONFIRMATION)).isFalse();
        assertThat(OFF_RAMP_INITIATED.isAtOrBeyond(FAILED)).isFalse();
    }
}
