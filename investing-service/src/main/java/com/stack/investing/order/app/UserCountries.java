package com.stack.investing.order.app;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.v1.KycStatusChanged;
import com.stack.defaults.features.FeatureSubject;
import com.stack.defaults.messaging.EventHandler;
import com.stack.defaults.messaging.PoisonEventException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Each user's country of record, kept from onboarding's {@code KycStatusChanged} when it approves (the approved
 * application's country), so the capabilities investing gates (options trading) honour a flag limited to some
 * countries. Other statuses, and approvals without a country (made before onboarding kept it), change nothing.
 */
@Service
public class UserCountries implements EventHandler<KycStatusChanged> {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    private final CountriesOfRecord countries;

    public UserCountries(CountriesOfRecord countries) {
        this.countries = countries;
    }

    @Override
    public Mono<Void> handle(EventEnvelope<KycStatusChanged> event) {
        KycStatusChanged changed = event.data();
        if (!"APPROVED".equals(changed.status()) || changed.country() == null) {
            return Mono.empty();
        }
        String country = changed.country().toUpperCase(Locale.ROOT);
        if (!COUNTRY.matcher(country).matches()) {
            return Mono.error(PoisonEventException.invalid("Not an ISO 3166-1 alpha-2 country: " + changed.country()));
        }
        return countries
                .apply(changed.userId(), country, changed.version(), changed.changedAt())
                .then();
    }

    /** Whom a flag is evaluated for: the user, with their country when an approval told it. */
    public Mono<FeatureSubject> subject(UUID userId) {
        return countries
                .find(userId)
                .map(country -> new FeatureSubject(userId, country))
                .defaultIfEmpty(FeatureSubject.user(userId));
    }
}
