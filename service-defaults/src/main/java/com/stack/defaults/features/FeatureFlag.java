package com.stack.defaults.features;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import com.stack.defaults.errors.InvalidInputException;

/**
 * One feature flag and the rule every service evaluates it by, so that a user sees the same answer everywhere.
 * A flag is on for a subject when it is {@code enabled} and either the user is in its {@code allowList}, or the
 * subject's country is allowed ({@code countries} empty, or containing the subject's country; an unknown country
 * is not allowed by a non-empty list) and the user's {@linkplain #bucket bucket} is below {@code percentage}.
 * Disabled means off for everyone, the allow-list included: the switch that stops a feature at once.
 *
 * <p>This record is also the flag's JSON form in Redis ({@link FeatureFlagSet}), read by every service.
 *
 * @param name {@code [a-z0-9][a-z0-9.-]{1,63}}, such as {@code options-trading}
 * @param description what the flag gates, for the people who switch it
 * @param enabled false: off for everyone
 * @param percentage 0 to 100: the share of users (by bucket) it is on for
 * @param allowList users it is on for whatever their bucket or country
 * @param countries ISO 3166-1 alpha-2 codes it is limited to; empty: every country
 */
public record FeatureFlag(
        String name, String description, boolean enabled, int percentage, Set<UUID> allowList, Set<String> countries) {

    /** At most this many users in an allow-list: a larger audience is a percentage. */
    public static final int MAX_ALLOW_LIST = 10_000;

    public static final int MAX_DESCRIPTION = 500;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,63}");
    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

    public FeatureFlag {
        allowList = allowList == null ? Set.of() : Set.copyOf(allowList);
        countries = countries == null ? Set.of() : Set.copyOf(countries);
    }

    /**
     * A flag as an administrator defines it, validated: each refused value is an {@link InvalidInputException}
     * naming its field ({@code name}, {@code description}, {@code percentage}, {@code allowList},
     * {@code countries}). Country codes are upper-cased; allow-list entries must be user ids (UUIDs).
     */
    public static FeatureFlag define(
            String name,
            String description,
            Boolean enabled,
            Integer percentage,
            List<String> allowList,
            List<String> countries) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException(
                    "name", "must be 2 to 64 of a-z, 0-9, '.' and '-', starting with a letter or digit");
        }
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw new InvalidInputException("description", "must be at most " + MAX_DESCRIPTION + " characters");
        }
        if (enabled == null) {
            throw new InvalidInputException("enabled", "is required (true or false)");
        }
        if (percentage == null || percentage < 0 || percentage > 100) {
            throw new InvalidInputException("percentage", "must be a whole number from 0 to 100");
        }
        return new FeatureFlag(
                name,
                description == null ? "" : description.strip(),
                enabled,
                percentage,
                userIds(allowList),
                countryCodes(countries));
    }

    private static Set<UUID> userIds(List<String> ids) {
        if (ids == null) {
            return Set.of();
        }
        if (ids.size() > MAX_ALLOW_LIST) {
            throw new InvalidInputException("allowList", "must hold at most " + MAX_ALLOW_LIST + " user ids");
        }
        Set<UUID> users = new HashSet<>();
        for (String id : ids) {
            try {
                users.add(UUID.fromString(id));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new InvalidInputException("allowList", "must hold user ids (UUIDs); " + id + " is not one");
            }
        }
        return users;
    }

    private static Set<String> countryCodes(List<String> codes) {
        if (codes == null) {
            return Set.of();
        }
        Set<String> countries = new TreeSet<>();
        for (String code : codes) {
            String upper = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
            if (!ISO_COUNTRIES.contains(upper)) {
                throw new InvalidInputException(
                        "countries", "must hold ISO 3166-1 alpha-2 country codes, such as US; " + code + " is not one");
            }
            countries.add(upper);
        }
        return countries;
    }

    /** Whether the flag is on for the subject (the rule above). */
    public boolean isOnFor(FeatureSubject subject) {
        if (!enabled) {
            return false;
        }
        if (allowList.contains(subject.userId())) {
            return true;
        }
        if (!countries.isEmpty() && (subject.country() == null || !countries.contains(subject.country()))) {
            return false;
        }
        return bucket(name, subject.userId()) < percentage;
    }

    /**
     * The user's bucket for the flag, 0 to 99: the first four bytes of SHA-256 over {@code "<flag>:<userId>"}
     * (UTF-8), read as an unsigned big-endian number, modulo 100. Stable across runs, instances and languages, and
     * independent per flag (a user in the first 10% of one rollout is not thereby in the first 10% of every
     * other); raising a percentage only adds users. The modulo's bias (2^32 is not a multiple of 100) is below
     * one in forty million.
     */
    public static int bucket(String flag, UUID userId) {
        byte[] hash = sha256().digest((flag + ":" + userId).getBytes(StandardCharsets.UTF_8));
        long first =
                ((hash[0] & 0xFFL) << 24) | ((hash[1] & 0xFFL) << 16) | ((hash[2] & 0xFFL) << 8) | (hash[3] & 0xFFL);
        return (int) (first % 100);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
