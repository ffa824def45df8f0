package com.stack.onboarding.kyc.api;

import java.time.LocalDate;
import java.time.ZoneOffset;

import com.stack.defaults.security.CallerResolver;
import com.stack.onboarding.kyc.app.SubmitKyc;
import com.stack.onboarding.kyc.domain.KycApplication;
import com.stack.onboarding.user.domain.User;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** {@code submitKyc}: the caller's details to the KYC provider (its decisions arrive at {@link KycWebhookController}). */
@Controller
public class KycGraphQlController {

    private final SubmitKyc kyc;

    public KycGraphQlController(SubmitKyc kyc) {
        this.kyc = kyc;
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

    public record KycInput(
            String firstName, String lastName, String dateOfBirth, String country, String documentNumber) {}
}
