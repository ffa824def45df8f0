package com.stack.onboarding.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.defaults.graphql.Ids;
import com.stack.defaults.security.CallerResolver;
import com.stack.onboarding.app.CurrentUser;
import com.stack.onboarding.app.DeviceTokens;
import com.stack.onboarding.app.Notifications;
import com.stack.onboarding.app.Passcodes;
import com.stack.onboarding.app.SignUp;
import com.stack.onboarding.app.SubmitKyc;
import com.stack.onboarding.app.UpdateProfile;
import com.stack.onboarding.domain.DevicePlatform;
import com.stack.onboarding.domain.DeviceToken;
import com.stack.onboarding.domain.KycApplication;
import com.stack.onboarding.domain.Notification;
import com.stack.onboarding.domain.PasscodePolicy;
import com.stack.onboarding.domain.ProfileChange;
import com.stack.onboarding.domain.User;
import org.springframework.graphql.data.federation.EntityMapping;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Controller
public class OnboardingGraphQlController {

    private final CurrentUser currentUser;
    private final SignUp signUp;
    private final Passcodes passcodes;
    private final Notifications notifications;
    private final SubmitKyc kyc;
    private final DeviceTokens devices;
    private final UpdateProfile profiles;

    public OnboardingGraphQlController(
            CurrentUser currentUser,
            SignUp signUp,
            Passcodes passcodes,
            Notifications notifications,
            SubmitKyc kyc,
            DeviceTokens devices,
            UpdateProfile profiles) {
        this.currentUser = currentUser;
        this.signUp = signUp;
        this.passcodes = passcodes;
        this.notifications = notifications;
        this.kyc = kyc;
        this.devices = devices;
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

    /** Validates the input here, at the boundary; ages are counted in UTC days. */
    @MutationMapping
    public Mono<User> submitKyc(@Argument KycInput input) {
        return CallerResolver.current()
                .flatMap(caller -> kyc.submit(
                        caller,
                        KycApplication.of(
                                input.firstName(),
                                input.lastName(),
                                input.dateOfBirth(),
                                input.country(),
                                input.documentNumber(),
                                LocalDate.now(ZoneOffset.UTC))));
    }

    /** Validates the passcode here, before it costs a lock, a count or a hash. */
    @MutationMapping
    public Mono<Boolean> setPasscode(@Argument String passcode) {
        return Mono.fromRunnable(() -> PasscodePolicy.requireAcceptable(passcode))
                .then(Mono.zip(CallerResolver.current(), signedInAt()))
                .flatMap(caller -> passcodes.set(caller.getT1(), caller.getT2(), passcode));
    }

    /** Refuses a guess that cannot be anyone's passcode (BAD_USER_INPUT) before it is counted or hashed. */
    @MutationMapping
    public Mono<Map<String, Object>> verifyPasscode(@Argument String passcode) {
        return Mono.fromRunnable(() -> PasscodePolicy.requireWellFormed(passcode))
                .then(CallerResolver.current())
                .flatMap(caller -> passcodes.verify(caller, passcode))
                .map(v -> Map.of("ok", v.ok(), "attemptsLeft", v.attemptsLeft()));
    }

    /**
     * When the caller last signed in: the token's {@code auth_time} (OIDC; the identity provider sets it when
     * the user actually authenticated, also in tokens refreshed later), else its {@code iat}.
     */
    private static Mono<Instant> signedInAt() {
        return ReactiveSecurityContextHolder.getContext()
                .map(context -> context.getAuthentication().getPrincipal())
                .ofType(Jwt.class)
                .map(jwt -> {
                    Instant authTime = jwt.getClaimAsInstant("auth_time");
                    return authTime != null ? authTime : jwt.getIssuedAt() != null ? jwt.getIssuedAt() : Instant.EPOCH;
                });
    }

    @QueryMapping
    public Flux<Notification> notifications(@Argument Boolean unreadOnly) {
        return CallerResolver.current()
                .flatMapMany(caller -> notifications.list(caller, Boolean.TRUE.equals(unreadOnly)));
    }

    /** The caller's new notifications, live, from the moment of subscribing. */
    @SubscriptionMapping
    public Flux<Notification> notificationReceived() {
        return CallerResolver.current().flatMapMany(notifications::received);
    }

    @MutationMapping
    public Mono<Notification> markNotificationRead(@Argument String id) {
        return CallerResolver.current()
                .flatMap(caller -> notifications.markRead(caller, Ids.parseOrNotFound("Notification", id)));
    }

    /** Validates the token here, at the boundary (the platform is checked by the schema's enum). */
    @MutationMapping
    public Mono<Boolean> registerDeviceToken(@Argument String token, @Argument DevicePlatform platform) {
        return CallerResolver.current().flatMap(caller -> devices.register(caller, DeviceToken.of(token), platform));
    }

    @MutationMapping
    public Mono<Boolean> unregisterDeviceToken(@Argument String token) {
        return CallerResolver.current().flatMap(caller -> devices.unregister(caller, token));
    }

    public record SignUpInput(String email, String phoneNumber) {}

    public record UpdateProfileInput(String phoneNumber, String displayName, String timeZone) {}

    public record KycInput(
            String firstName, String lastName, String dateOfBirth, String country, String documentNumber) {}
}
