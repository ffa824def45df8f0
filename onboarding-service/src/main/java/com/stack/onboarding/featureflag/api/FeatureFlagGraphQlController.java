package com.stack.onboarding.featureflag.api;

import java.util.List;

import com.stack.defaults.features.FeatureFlags;
import com.stack.defaults.features.FeatureSubject;
import com.stack.onboarding.user.domain.User;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * {@code User.features}: the flags on for the user, from the snapshot every service evaluates
 * ({@link FeatureFlags}), so the app is shown what the services will let the user do: for the user's country of
 * record (their approved KYC's); before an approval, a flag limited to some countries is on only for its allow-list.
 */
@Controller
public class FeatureFlagGraphQlController {

    private final FeatureFlags flags;

    public FeatureFlagGraphQlController(FeatureFlags flags) {
        this.flags = flags;
    }

    @SchemaMapping(typeName = "User", field = "features")
    public List<String> features(User user) {
        return flags.onFor(new FeatureSubject(user.id(), user.country()));
    }
}
