package com.stack.onboarding.kyc.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import com.stack.defaults.errors.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KycApplicationTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    static KycApplication valid() {
        return KycApplication.of("Ada", "Lovelace", "1990-12-10", "GB", "P-1234567", TODAY);
    }

    static void assertRefused(String field, Runnable submission) {
        assertThatThrownBy(submission::run)
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void validDetailsAreNormalised() {
        KycApplication application =
                KycApplication.of("  Zoë  ", "O'Brien-Núñez Jr.", "1990-12-10", "gb", "ab-1234", TODAY);

        assertThat(application.firstName()).isEqualTo("Zoë");
        assertThat(application.lastName()).isEqualTo("O'Brien-Núñez Jr.");
        assertThat(application.dateOfBirth()).isEqualTo(LocalDate.of(1990, 12, 10));
        assertThat(application.country()).isEqualTo("GB");
        assertThat(application.documentNumber()).isEqualTo("ab-1234");
        assertThat(valid().toString()).doesNotContain("1234567");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "Ada1", "Ada_", "<script>", "Ada\nLovelace", "...", "-"})
    void aFirstNameWithOtherCharactersOrNoLetterIsRefused(String name) {
        assertRefused("firstName", () -> KycApplication.of(name, "Lovelace", "1990-12-10", "GB", "P-1234567", TODAY));
    }

    @Test
    void namesAreAtMostOneHundredCharacters() {
        KycApplication.of("A".repeat(100), "B".repeat(100), "1990-12-10", "GB", "P-1234567", TODAY);
        assertRefused(
                "lastName", () -> KycApplication.of("Ada", "B".repeat(101), "1990-12-10", "GB", "P-1234567", TODAY));
        assertRefused("lastName", () -> KycApplication.of("Ada", null, "1990-12-10", "GB", "P-1234567", TODAY));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1990-02-30",
                "2001-02-29",
                "1990-13-01",
                "10/12/1990",
                "1990-1-10",
                "+1990-12-10",
                "",
                "19901210"
            })
    void aDateOfBirthThatIsNoRealDateIsRefused(String date) {
        assertRefused("dateOfBirth", () -> KycApplication.of("Ada", "Lovelace", date, "GB", "P-1234567", TODAY));
    }

    @Test
    void theApplicantIsEighteenToOneHundredAndTwentyYearsOld() {
        KycApplication.of("Ada", "Lovelace", "2008-11-22", "GB", "P-1234567", TODAY);
        KycApplication.of("Ada", "Lovelace", "2000-02-29", "GB", "P-1234567", TODAY);
        KycApplication.of("Ada", "Lovelace", "1906-11-22", "GB", "P-1234567", TODAY);
        assertRefused(
                "dateOfBirth", () -> KycApplication.of("Ada", "Lovelace", "2008-11-23", "GB", "P-1234567", TODAY));
        assertRefused(
                "dateOfBirth", () -> KycApplication.of("Ada", "Lovelace", "1905-11-22", "GB", "P-1234567", TODAY));
        assertRefused(
                "dateOfBirth", () -> KycApplication.of("Ada", "Lovelace", "2030-01-01", "GB", "P-1234567", TODAY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "XX", "USA", "U", "ZZ", "1A"})
    void aCountryThatIsNoIsoAlpha2CodeIsRefused(String country) {
        assertRefused("country", () -> KycApplication.of("Ada", "Lovelace", "1990-12-10", country, "P-1234567", TODAY));
    }

    @ParameterizedTest
    @CsvSource({"ABC", "'A 1234'", "A_1234", "A1234567890123456789012345678901234", "''"})
    void aDocumentNumberOtherThanFourToThirtyTwoLettersDigitsOrHyphensIsRefused(String number) {
        assertRefused("documentNumber", () -> KycApplication.of("Ada", "Lovelace", "1990-12-10", "GB", number, TODAY));
    }

    @Test
    void theFirstRefusedFieldInFormOrderIsNamed() {
        assertRefused("firstName", () -> KycApplication.of("1", "2", "x", "y", "z", TODAY));
        assertRefused("dateOfBirth", () -> KycApplication.of("Ada", "Lovelace", "x", "y", "z", TODAY));
    }
}
