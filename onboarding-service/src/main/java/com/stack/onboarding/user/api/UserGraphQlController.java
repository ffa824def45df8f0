package com.stack.onboarding.user.api;

import java.util.List;
import java.util.UUID;

import com.stack.defaults.graphql.Ids;
import com.stack.defaults.security.CallerResolver;
import com.stack.onboarding.user.app.CurrentUser;
import com.stack.onboarding.user.app.SignUp;
import com.stack.onboarding.user.app.UpdateProfile;
import com.stack.onboarding.user.domain.ProfileChange;
import com.stack.onboarding.user.domain.User;
import org.springframework.graphql.data.federation.EntityMapping;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** The user: {@code me}, the gateway's entity resolution, sign-up and the profile. */
@Controller
public class UserGraphQlController {

    private final CurrentUser currentUser;
    private final SignUp signUp;
    private final UpdateProfile profiles;

    public UserGraphQlController(CurrentUser currentUser, SignUp signUp, UpdateProfile profiles) {
        this.currentUser = currentUser;
        this.signUp = signUp;
        this.profiles = profiles;
    }

    @QueryMapping
    public Mono<User> me() {
        return CallerResolver.current().flatMap(currentUser::me);
    }

    /** Batched entity resolution for the gateway: users in the order asked, null where not visible. */
    @EntityMapping
    public Mono<List<User>> user(@Argument List<String> idList) {
        List<UUID> ids =
                idList.stream().map(id -> Ids.parseOrNotFound("User", id)).toList();
        return CallerResolver.current().flatMap(caller -> currentUser.byIds(caller, ids));
    }

    @MutationMapping
    public Mono<User> signUp(@Argument SignUpInput input) {
        return CallerResolver.current().flatMap(caller -> signUp.signUp(caller, input.email(), input.phoneNumber()));
    }

    /** Validates the input here, at the boundary (User.profile is the User's own {@code profile()}). */
    @MutationMapping
    public Mono<User> updateProfile(@Argument UpdateProfileInput input) {
        return CallerResolver.current()
                .flatMap(caller -> profiles.update(
                        caller, ProfileChange.of(input.phoneNumber(), input.displayName(), input.timeZone())));
    }

    public record SignUpInput(String email, String phoneNumber) {}

    public record UpdateProfileInput(String phoneNumber, String displayName, String timeZone) {}
}
