package com.stack.onboarding.passcode.api;

import java.time.Instant;
import java.util.Map;

import com.stack.defaults.security.CallerResolver;
import com.stack.onboarding.passcode.app.Passcodes;
import com.stack.onboarding.passcode.domain.PasscodePolicy;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** The app-login passcode: {@code setPasscode} and {@code verifyPasscode}. */
@Controller
public class PasscodeGraphQlController {

    private final Passcodes passcodes;

    public PasscodeGraphQlController(Passcodes passcodes) {
        this.passcodes = passcodes;
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
}
