package com.stack.defaults.messaging;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.stack.contracts.events.v1.KycStatusChanged;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The smallest service that publishes and consumes: a KYC state per user, changed only by a newer
 * version (so a stale event delivered out of order is refused), one effect row per applied event,
 * a status "POISON" that its handler refuses as invalid (permanent), and a status "FLAKY" that fails
 * transiently {@link #FLAKY_FAILURES} times per event before it is applied.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({
    R2dbcAutoConfiguration.class,
    R2dbcTransactionManagerAutoConfiguration.class,
    DataR2dbcAutoConfiguration.class,
    TransactionAutoConfiguration.class,
    FlywayAutoConfiguration.class,
    MessagingAutoConfiguration.class
})
class MessagingTestApplication {

    static final String POISON = "POISON";
    static final String FLAKY = "FLAKY";
    /** More failures than the consumer's old attempt limit (5) allowed before dead-lettering. */
    static final int FLAKY_FAILURES = 8;

    static final Map<UUID, AtomicInteger> FLAKY_ATTEMPTS = new ConcurrentHashMap<>();
    /** Users whose events the handler refuses as invalid, until a test "deploys the fix" by removing them. */
    static final Set<UUID> REFUSED = ConcurrentHashMap.newKeySet();

    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    @Bean
    EventSubscription<KycStatusChanged> kycStatus(DatabaseClient db) {
        return EventSubscription.on(KycStatusChanged.class, event -> {
            KycStatusChanged change = event.data();
            if (POISON.equals(change.status()) || REFUSED.contains(change.userId())) {
                return Mono.error(PoisonEventException.invalid("poison status for " + change.userId()));
            }
            if (FLAKY.equals(change.status())
                    && FLAKY_ATTEMPTS
                                    .computeIfAbsent(event.id(), id -> new AtomicInteger())
                                    .incrementAndGet()
                            <= FLAKY_FAILURES) {
                return Mono.error(
                        new TransientDataAccessResourceException("database unavailable for " + change.userId()));
            }
            return db.sql("INSERT INTO test_effects (event_id, user_id) VALUES (:eventId, :userId)")
                    .bind("eventId", event.id())
                    .bind("userId", change.userId())
                    .fetch()
                    .rowsUpdated()
                    .then(db.sql(
                                    "INSERT INTO test_kyc_state (user_id, status, version) VALUES (:userId, :status, :version)"
                                            + " ON CONFLICT (user_id) DO UPDATE SET status = EXCLUDED.status, version = EXCLUDED.version"
                                            + " WHERE test_kyc_state.version < EXCLUDED.version")
                            .bind("userId", change.userId())
                            .bind("status", change.status())
                            .bind("version", change.version())
                            .fetch()
                            .rowsUpdated())
                    .then();
        });
    }
}
