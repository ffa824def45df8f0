package com.stack.defaults.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import com.stack.defaults.errors.InvalidInputException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The rule every service evaluates a flag by, and an administrator's definition of one. */
class FeatureFlagTest {

    static FeatureFlag flag(boolean enabled, int percentage, Set<UUID> allowList, Set<String> countries) {
        return new FeatureFlag("options-trading", "", enabled, percentage, allowList, countries);
    }

    static List<UUID> users(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> UUID.nameUUIDFromBytes(("user-" + i).getBytes()))
                .toList();
    }

    @Test
    void bucketsOfTenThousandUsersAreRoughlyUniform() {
        int[] perBucket = new int[100];
        users(10_000).forEach(user -> perBucket[FeatureFlag.bucket("options-trading", user)]++);

        // 100 expected per bucket; a binomial's standard deviation is about 10
        assertThat(IntStream.of(perBucket).min().getAsInt()).isGreaterThanOrEqualTo(55);
        assertThat(IntStream.of(perBucket).max().getAsInt()).isLessThanOrEqualTo(145);
        long onAtTwentyPercent = users(10_000).stream()
                .filter(user -> flag(true, 20, Set.of(), Set.of()).isOnFor(FeatureSubject.user(user)))
                .count();
        assertThat(onAtTwentyPercent).isBetween(1_850L, 2_150L);
    }

    @Test
    void aBucketIsStableAcrossRunsAndDiffersPerFlag() {
        UUID user = UUID.fromString("4b3e9d1a-8f2c-4e5b-9a7d-1c2e3f4a5b6c");
        // SHA-256("options-trading:4b3e9d1a-...")'s first four bytes, mod 100: fixed for every run and language
        assertThat(FeatureFlag.bucket("options-trading", user))
                .isEqualTo(FeatureFlag.bucket("options-trading", user))
                .isEqualTo(expectedBucket("options-trading:" + user));
        long sameInBoth = users(1_000).stream()
                .filter(u -> FeatureFlag.bucket("a-flag", u) == FeatureFlag.bucket("another-flag", u))
                .count();
        assertThat(sameInBoth).isLessThan(50);
    }

    /** The documented rule, computed independently of the code under test. */
    static int expectedBucket(String input) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, Arrays.copyOf(hash, 4))
                    .mod(BigInteger.valueOf(100))
                    .intValue();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void raisingThePercentageOnlyAddsUsers() {
        List<UUID> users = users(2_000);
        Set<UUID> atTen = Set.copyOf(users.stream()
                .filter(u -> flag(true, 10, Set.of(), Set.of()).isOnFor(FeatureSubject.user(u)))
                .toList());
        Set<UUID> atFifty = Set.copyOf(users.stream()
                .filter(u -> flag(true, 50, Set.of(), Set.of()).isOnFor(FeatureSubject.user(u)))
                .toList());
        assertThat(atFifty).containsAll(atTen).hasSizeGreaterThan(atTen.size());
        assertThat(users)
                .allMatch(u -> !flag(true, 0, Set.of(), Set.of()).isOnFor(FeatureSubject.user(u)))
                .allMatch(u -> flag(true, 100, Set.of(), Set.of()).isOnFor(FeatureSubject.user(u)));
    }

    @Test
    void theAllowListWinsOverPercentageAndCountry() {
        UUID listed = UUID.randomUUID();
        FeatureFlag onlyListed = flag(true, 0, Set.of(listed), Set.of("GB"));

        assertThat(onlyListed.isOnFor(new FeatureSubject(listed, "US"))).isTrue();
        assertThat(onlyListed.isOnFor(FeatureSubject.user(listed))).isTrue();
        assertThat(onlyListed.isOnFor(new FeatureSubject(UUID.randomUUID(), "GB")))
                .isFalse();
    }

    @Test
    void disabledIsOffForEveryoneTheAllowListIncluded() {
        UUID listed = UUID.randomUUID();
        assertThat(flag(false, 100, Set.of(listed), Set.of()).isOnFor(FeatureSubject.user(listed)))
                .isFalse();
        assertThat(flag(false, 100, Set.of(), Set.of()).isOnFor(FeatureSubject.user(UUID.randomUUID())))
                .isFalse();
    }

    @Test
    void countriesLimitTheRolloutAndAnUnknownCountryIsOutsideThem() {
        FeatureFlag ukOnly = flag(true, 100, Set.of(), Set.of("GB"));
        UUID user = UUID.randomUUID();

        assertThat(ukOnly.isOnFor(new FeatureSubject(user, "gb"))).isTrue();
        assertThat(ukOnly.isOnFor(new FeatureSubject(user, "US"))).isFalse();
        assertThat(ukOnly.isOnFor(FeatureSubject.user(user))).isFalse();
        assertThat(flag(true, 100, Set.of(), Set.of()).isOnFor(FeatureSubject.user(user)))
                .isTrue();
    }

    @Test
    void aDefinitionIsValidatedFieldByField() {
        assertRefused(() -> FeatureFlag.define("Options", "", true, 0, null, null), "name");
        assertRefused(() -> FeatureFlag.define("x", "", true, 0, null, null), "name");
        assertRefused(() -> FeatureFlag.define("-x", "", true, 0, null, null), "name");
        assertRefused(() -> FeatureFlag.define("a" + "b".repeat(64), "", true, 0, null, null), "name");
        assertRefused(() -> FeatureFlag.define("ok", "", true, 101, null, null), "percentage");
        assertRefused(() -> FeatureFlag.define("ok", "", true, -1, null, null), "percentage");
        assertRefused(() -> FeatureFlag.define("ok", "", true, null, null, null), "percentage");
        assertRefused(() -> FeatureFlag.define("ok", "", null, 5, null, null), "enabled");
        assertRefused(() -> FeatureFlag.define("ok", "", true, 5, null, List.of("USA")), "countries");
        assertRefused(() -> FeatureFlag.define("ok", "", true, 5, List.of("nobody"), null), "allowList");
        assertRefused(() -> FeatureFlag.define("ok", "d".repeat(501), true, 5, null, null), "description");
        List<String> tooMany = Collections.nCopies(10_001, UUID.randomUUID().toString());
        assertRefused(() -> FeatureFlag.define("ok", "", true, 5, tooMany, null), "allowList");

        UUID user = UUID.randomUUID();
        FeatureFlag defined = FeatureFlag.define(
                "solana.withdrawals-2", " gates Solana ", true, 100, List.of(user.toString()), List.of("us", "GB"));
        assertThat(defined)
                .isEqualTo(new FeatureFlag(
                        "solana.withdrawals-2", "gates Solana", true, 100, Set.of(user), Set.of("US", "GB")));
    }

    static void assertRefused(ThrowingCallable definition, String field) {
        assertThatThrownBy(definition)
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
