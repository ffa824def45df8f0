package com.stack.onboarding.user.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stack.defaults.errors.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The profile's rules, each on both sides of its line, and how a change applies to a profile. */
class ProfileChangeTest {

    static final Profile ADA = new Profile("+447911123456", "Ada", "Europe/London");

    static void refused(String field, String phoneNumber, String displayName, String timeZone) {
        assertThatThrownBy(() -> ProfileChange.of(phoneNumber, displayName, timeZone))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.code()).isEqualTo("BAD_USER_INPUT");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"+12345678", "+123456789012345", "+44 (0)7911-123456"})
    void anE164PhoneNumberOf8To15DigitsIsAcceptedWithoutItsSeparators(String written) {
        assertThat(ProfileChange.of(written, null, null).phoneNumber()).matches("\\+[1-9][0-9]{7,14}");
        assertThat(ProfileChange.of("+1 415 555-0123", null, null).phoneNumber())
                .isEqualTo("+14155550123");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "+1234567",
                "+1234567890123456",
                "+0123456789",
                "14155550123",
                "07911 123456",
                "+1415555O123",
                "+14155550123x1"
            })
    void aPhoneNumberThatIsNotE164IsRefused(String written) {
        refused("phoneNumber", written, null, null);
    }

    @Test
    void aDisplayNameIsTrimmedAndMayHave64Characters() {
        assertThat(ProfileChange.of(null, "  Ada L.  ", null).displayName()).isEqualTo("Ada L.");
        assertThat(ProfileChange.of(null, "x".repeat(64), null).displayName()).hasSize(64);
        // 64 characters outside the basic plane are 128 UTF-16 units: still 64 characters
        assertThat(ProfileChange.of(null, "\uD83D\uDE00".repeat(64), null).displayName())
                .hasSize(128);
        assertThat(ProfileChange.of(null, "Zoë 李", null).displayName()).isEqualTo("Zoë 李");
    }

    @Test
    void aDisplayNameLongerThan64CharactersOrWithControlCharactersIsRefused() {
        refused("displayName", null, "x".repeat(65), null);
        refused("displayName", null, "Ada\nLovelace", null);
        refused("displayName", null, "Ada\u0000", null);
        refused("displayName", null, "Ada\u007F", null);
    }

    @Test
    void aTimeZoneIsAnIanaRegionIdInItsOwnSpelling() {
        assertThat(ProfileChange.of(null, null, "Pacific/Auckland").timeZone()).isEqualTo("Pacific/Auckland");
        assertThat(ProfileChange.of(null, null, " america/los_angeles ").timeZone())
                .isEqualTo("America/Los_Angeles");
        assertThat(ProfileChange.of(null, null, "UTC").timeZone()).isEqualTo("UTC");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Mars/Olympus", "+02:00", "UTC+2", "GMT-05:00", "Europe/"})
    void aTimeZoneThatIsNoRegionIdIsRefused(String zone) {
        refused("timeZone", null, null, zone);
    }

    @Test
    void onlyTheGivenFieldsChange() {
        assertThat(ADA.with(ProfileChange.of(null, null, null))).isEqualTo(ADA);
        assertThat(ADA.with(ProfileChange.of(null, "Ada L.", null)))
                .isEqualTo(new Profile("+447911123456", "Ada L.", "Europe/London"));
        assertThat(ADA.with(ProfileChange.of("+14155550123", null, "America/New_York")))
                .isEqualTo(new Profile("+14155550123", "Ada", "America/New_York"));
    }

    @Test
    void anEmptyOrBlankValueClearsThePhoneNumberAndTheDisplayName() {
        assertThat(ADA.with(ProfileChange.of("", "", null))).isEqualTo(new Profile(null, null, "Europe/London"));
        assertThat(ADA.with(ProfileChange.of("  ", " ", null))).isEqualTo(new Profile(null, null, "Europe/London"));
    }

    @Test
    void theSameValuesAgainLeaveTheProfileEqual() {
        assertThat(ADA.with(ProfileChange.of("+44 7911 123456", " Ada ", "europe/london")))
                .isEqualTo(ADA);
    }
}
