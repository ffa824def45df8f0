package com.stack.onboarding.kyc.domain;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.stack.defaults.errors.InvalidInputException;

/**
 * What a user submits for identity verification, validated: names of 1 to 100 characters made of
 * letters, spaces, apostrophes, hyphens and dots; a real date of birth making the applicant 18 to 120
 * years old; an ISO 3166-1 alpha-2 country; an identity document number of 4 to 32 letters, digits
 * and hyphens. The document number travels to the provider only and is never stored.
 */
public record KycApplication(
        String firstName, String lastName, LocalDate dateOfBirth, String country, String documentNumber) {

    public static final int MIN_AGE = 18;
    public static final int MAX_AGE = 120;
    public static final int MAX_NAME_LENGTH = 100;

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M} '.-]+");
    private static final Pattern LETTER = Pattern.compile(".*\\p{L}.*");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern DOCUMENT_NUMBER = Pattern.compile("[A-Za-z0-9-]{4,32}");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    /**
     * Validates the raw input field by field, in the order of the form, and fails on the first
     * field that breaks a rule with an {@link InvalidInputException} naming it.
     *
     * @param today the applicant's age is counted up to this day
     */
    public static KycApplication of(
            String firstName,
            String lastName,
            String dateOfBirth,
            String country,
            String documentNumber,
            LocalDate today) {
        return new KycApplication(
                name("firstName", firstName),
                name("lastName", lastName),
                dateOfBirth(dateOfBirth, today),
                country(country),
                documentNumber(documentNumber));
    }

    private static String name(String field, String value) {
        String name = value == null ? "" : value.strip();
        if (name.isEmpty()) {
            throw new InvalidInputException(field, "is required");
        }
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            throw new InvalidInputException(field, "must be at most " + MAX_NAME_LENGTH + " characters");
        }
        if (!NAME.matcher(name).matches() || !LETTER.matcher(name).matches()) {
            throw new InvalidInputException(field, "may contain only letters, spaces, apostrophes, hyphens and dots");
        }
        return name;
    }

    private static LocalDate dateOfBirth(String value, LocalDate today) {
        String field = "dateOfBirth";
        if (value == null || !DATE.matcher(value.strip()).matches()) {
            throw new InvalidInputException(field, "must be a date in the form YYYY-MM-DD");
        }
        LocalDate date;
        try {
            // ISO_LOCAL_DATE resolves strictly: 2001-02-30 is refused, not moved to March
            date = LocalDate.parse(value.strip(), DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeException e) {
            throw new InvalidInputException(field, "is not a real date");
        }
        if (date.isAfter(today)) {
            throw new InvalidInputException(field, "is in the future");
        }
        int age = Period.between(date, today).getYears();
        if (age < MIN_AGE) {
            throw new InvalidInputException(field, "shows an age under " + MIN_AGE + "; applicants must be adults");
        }
        if (age > MAX_AGE) {
            throw new InvalidInputException(field, "shows an age over " + MAX_AGE + "; check the year");
        }
        return date;
    }

    private static String country(String value) {
        String code = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(code)) {
            throw new InvalidInputException("country", "must be an ISO 3166-1 alpha-2 country code, such as US");
        }
        return code;
    }

    private static String documentNumber(String value) {
        String number = value == null ? "" : value.strip();
        if (!DOCUMENT_NUMBER.matcher(number).matches()) {
            throw new InvalidInputException("documentNumber", "must be 4 to 32 letters, digits or hyphens");
        }
        return number;
    }

    /** Never prints the document number (this record may end up in a log line). */
    @Override
    public String toString() {
        return "KycApplication[country=" + country + "]";
    }
}
