package com.stack.defaults.features;

import java.util.Comparator;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

/**
 * Every feature flag at once, as onboarding (the flags' store) distributes them: one JSON document in Redis, read
 * whole, so a reader never sees half of a change. A larger {@code version} is a later set (onboarding takes it
 * under its writers' lock); an older set never replaces a newer one, in Redis or in a reader.
 *
 * @param version the set's version, increasing with every change
 * @param flags the flags, by name
 */
public record FeatureFlagSet(long version, List<FeatureFlag> flags) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public FeatureFlagSet {
        flags = flags == null
                ? List.of()
                : flags.stream().sorted(Comparator.comparing(FeatureFlag::name)).toList();
    }

    String toJson() {
        return JSON.writeValueAsString(this);
    }

    /** The set from its JSON form; a Jackson or argument exception when it is none. */
    static FeatureFlagSet fromJson(String json) {
        return JSON.readValue(json, FeatureFlagSet.class);
    }
}
