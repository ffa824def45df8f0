package com.stack.sandbox.kyc.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import com.stack.sandbox.kyc.domain.KycException;
import com.stack.sandbox.kyc.domain.NewApplicant;

/** The body of {@code POST /v1/applicants}; every field is required. */
public record ApplicantRequest(
        String externalUserId,
        String firstName,
        String lastName,
        String dateOfBirth,
        String country,
        String documentNumber,
        String callbackUrl) {

    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_DOCUMENT_LENGTH = 64;
    static final int MAX_URL_LENGTH = 2048;
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    /** @throws KycException 400 naming the first invalid field */
    NewApplicant validated() {
        return new NewApplicant(
                userId(),
                text("firstName", firstName, MAX_NAME_LENGTH),
                text("lastName", lastName, MAX_NAME_LENGTH),
                birthDate(),
                countryCode(),
                text("documentNumber", documentNumber, MAX_DOCUMENT_LENGTH),
                callback());
    }

    private UUID userId() {
        String value = text("externalUserId", externalUserId, 36);
        try {
            UUID id = UUID.fromString(value);
            if (id.toString().equalsIgnoreCase(value)) {
                return id;
            }
        } catch (IllegalArgumentException notUuid) {
            // refused below
        }
        throw KycException.invalid("externalUserId", "externalUserId must be a UUID");
    }

    private LocalDate birthDate() {
        String value = text("dateOfBirth", dateOfBirth, 10);
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw KycException.invalid("dateOfBirth", "dateOfBirth must be a date YYYY-MM-DD");
        }
        if (date.isBefore(EARLIEST_BIRTH) || !date.isBefore(LocalDate.now(ZoneOffset.UTC))) {
            throw KycException.invalid("dateOfBirth", "dateOfBirth must be in the past, from 1900-01-01");
        }
        return date;
    }

    private String countryCode() {
        String value = text("country", country, 2);
        if (!COUNTRIES.contains(value)) {
            throw KycException.invalid(
                    "country", "country must be an ISO 3166-1 alpha-2 code in upper case, such as US");
        }
        return value;
    }

    private URI callback() {
        String value = text("callbackUrl", callbackUrl, MAX_URL_LENGTH);
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw KycException.invalid("callbackUrl", "callbackUrl must be an absolute http or https URL");
    }

    private static String text(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw KycException.invalid(field, field + " is required");
        }
        if (value.length() > maxLength) {
            throw KycException.invalid(field, field + " must be at most " + maxLength + " characters");
        }
        return value;
    }
}
