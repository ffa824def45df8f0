package com.stack.funding.shared.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;

import com.stack.funding.deposit.domain.DepositStatus;
import com.stack.funding.ledger.domain.Balance;
import com.stack.funding.ledger.domain.LedgerAccountKind;
import com.stack.funding.ledger.domain.LedgerTotals;
import com.stack.funding.withdrawal.domain.WithdrawalStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class FundingDomainTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @ParameterizedTest
    @EnumSource(DepositStatus.class)
    void depositStatusesRoundTripThroughTheirLowerCaseColumn(DepositStatus status) {
        assertThat(status.column()).isEqualTo(status.name().toLowerCase());
        assertThat(DepositStatus.fromColumn(status.column())).isEqualTo(status);
    }

    @ParameterizedTest
    @EnumSource(WithdrawalStatus.class)
    void withdrawalStatusesRoundTripThroughTheirLowerCaseColumn(WithdrawalStatus status) {
        assertThat(status.column()).isEqualTo(status.name().toLowerCase());
        assertThat(WithdrawalStatus.fromColumn(status.column())).isEqualTo(status);
    }

    @ParameterizedTest
    @EnumSource(Chain.class)
    void chainsRoundTripThroughTheirLowerCaseColumn(Chain chain) {
        assertThat(Chain.fromColumn(chain.column())).isEqualTo(chain);
    }

    @Test
    void columnSpellingsMatchTheSeedDdl() {
        assertThat(DepositStatus.PENDING_CONFIRMATION.column()).isEqualTo("pending_confirmation");
        assertThat(WithdrawalStatus.BROKER_WITHDRAWAL_INITIATED.column()).isEqualTo("broker_withdrawal_initiated");
        assertThat(LedgerAccountKind.USER_PENDING_WITHDRAWAL.column()).isEqualTo("user_pending_withdrawal");
    }

    @ParameterizedTest
    @CsvSource({"125.000000, 125.00", "10.129999, 10.12", "0.009999, 0.00", "7, 7.00", "-0.005, 0.00"})
    void ledgerSumsAreShownInWholeCentsNeverRoundedUp(String sum, String shown) {
        Balance balance =
                Balance.fromLedger(new LedgerTotals(new BigDecimal(sum), BigDecimal.ZERO, BigDecimal.ZERO, NOW), NOW);
        assertThat(balance.buyingPowerUsd()).isEqualTo(new BigDecimal(shown));
    }

    @Test
    void withoutEntriesTheBalanceIsZeroAsOfNow() {
        Balance balance = Balance.fromLedger(new LedgerTotals(BigDecimal.ZERO, null, BigDecimal.ZERO, null), NOW);
        assertThat(balance.buyingPowerUsd()).hasToString("0.00");
        assertThat(balance.pendingDepositsUsd()).hasToString("0.00");
        assertThat(balance.pendingWithdrawalsUsd()).hasToString("0.00");
        assertThat(balance.updatedAt()).isEqualTo(NOW);
    }

    @Test
    void theBalanceIsAsOfTheLastEntry() {
        Instant last = NOW.minusSeconds(600);
        Balance balance = Balance.fromLedger(
                new LedgerTotals(new BigDecimal("1.5"), new BigDecimal("2"), new BigDecimal("3.25"), last), NOW);
        assertThat(balance)
                .isEqualTo(new Balance(new BigDecimal("1.50"), new BigDecimal("2.00"), new BigDecimal("3.25"), last));
    }
}
