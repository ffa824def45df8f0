package com.stack.funding.deposit.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.stack.funding.ledger.domain.LedgerAccountKind;
import com.stack.funding.ledger.domain.LedgerAccountRef;
import com.stack.funding.ledger.domain.LedgerPosting;
import com.stack.funding.shared.domain.Chain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** USDC amounts as partners write them, addresses' canonical spelling and ledger postings, without Spring. */
class DepositAmountsAndPostingsTest {

    @ParameterizedTest
    @CsvSource({
        "125.000000, 125.000000",
        "125, 125.000000",
        "0.000001, 0.000001",
        "40.5, 40.500000",
        "125.0000000, 125.000000",
        "000125.10, 125.100000"
    })
    void plainDecimalsWithAtMostSixDecimalsAreTakenExactly(String text, String amount) {
        assertThat(UsdcAmount.parse(text)).isEqualTo(new BigDecimal(amount));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "125.1234567 | amount 125.1234567 has more than 6 decimals",
                "0.0000001 | amount 0.0000001 has more than 6 decimals",
                "0 | amount 0 is not greater than zero",
                "0.000000 | amount 0.000000 is not greater than zero",
                "-5 | amount \"-5\" is not a plain decimal number",
                "1e3 | amount \"1e3\" is not a plain decimal number",
                "1,000.00 | amount \"1,000.00\" is not a plain decimal number",
                "' 1.0' | amount \" 1.0\" is not a plain decimal number"
            })
    void otherAmountsAreRefusedWithTheReason(String text, String reason) {
        assertThatThrownBy(() -> UsdcAmount.parse(text))
                .isInstanceOf(UsdcAmount.InvalidAmountException.class)
                .hasMessage(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "."})
    void blankAndBarePointsAreRefused(String text) {
        assertThatThrownBy(() -> UsdcAmount.parse(text)).isInstanceOf(UsdcAmount.InvalidAmountException.class);
    }

    @Test
    void ethereumSpellingsAreCaseInsensitiveAndSolanasAreNot() {
        assertThat(Chain.ETHEREUM.canonical("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"))
                .isEqualTo("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
        assertThat(Chain.SOLANA.canonical("9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin"))
                .isEqualTo("9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin");
    }

    @Test
    void aConfirmedDepositIsTheUsersPendingDepositAgainstCirclesClearingAccount() {
        UUID user = UUID.randomUUID();
        Deposit deposit = new Deposit(
                UUID.randomUUID(),
                user,
                Chain.SOLANA,
                "sig",
                new BigDecimal("125.5"),
                DepositStatus.CONFIRMED_ON_CHAIN,
                null,
                1,
                Instant.EPOCH,
                Instant.EPOCH);

        LedgerPosting posting = LedgerPosting.depositConfirmedOnChain(deposit);

        assertThat(posting.reference()).isEqualTo("deposit:" + deposit.id() + ":confirmed_on_chain");
        assertThat(posting.entries())
                .containsExactly(
                        new LedgerPosting.Entry(
                                LedgerAccountRef.users(user, LedgerAccountKind.USER_PENDING_DEPOSIT, "USD"),
                                new BigDecimal("125.500000")),
                        new LedgerPosting.Entry(
                                LedgerAccountRef.partnerClearing("circle", "USD"), new BigDecimal("-125.500000")));
    }

    @Test
    void aJournalThatDoesNotBalanceInEveryCurrencyIsRefused() {
        LedgerAccountRef clearing = LedgerAccountRef.partnerClearing("circle", "USD");
        LedgerAccountRef user =
                LedgerAccountRef.users(UUID.randomUUID(), LedgerAccountKind.USER_PENDING_DEPOSIT, "USD");
        assertThatThrownBy(() -> new LedgerPosting(
                        "x",
                        "r",
                        List.of(
                                new LedgerPosting.Entry(user, BigDecimal.ONE),
                                new LedgerPosting.Entry(clearing, new BigDecimal("-0.999999")))))
                .hasMessageContaining("does not balance in USD");
        assertThatThrownBy(() -> new LedgerPosting(
                        "x",
                        "r",
                        List.of(
                                new LedgerPosting.Entry(user, BigDecimal.ONE),
                                new LedgerPosting.Entry(
                                        LedgerAccountRef.partnerClearing("circle", "USDC"), BigDecimal.ONE.negate()))))
                .hasMessageContaining("does not balance");
        assertThatThrownBy(() -> new LedgerPosting("x", "r", List.of(new LedgerPosting.Entry(user, BigDecimal.ONE))))
                .hasMessageContaining("at least two entries");
        assertThatThrownBy(() -> new LedgerPosting(
                        "x",
                        "r",
                        List.of(
                                new LedgerPosting.Entry(user, new BigDecimal("0.0000001")),
                                new LedgerPosting.Entry(clearing, new BigDecimal("-0.0000001")))))
                .hasMessageContaining("finer than 6 decimals");
    }

    @Test
    void accountsBelongToAUserExactlyWhenTheirKindIsAUsersAndOnlyClearingNamesAPartner() {
        assertThatThrownBy(() -> new LedgerAccountRef(null, LedgerAccountKind.USER_BUYING_POWER, "USD", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LedgerAccountRef(UUID.randomUUID(), LedgerAccountKind.OMNIBUS, "USD", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LedgerAccountRef(null, LedgerAccountKind.OMNIBUS, "USD", "circle"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
