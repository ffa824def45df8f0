package com.stack.defaults.messaging;

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
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The smallest service that publishes and consumes: a KYC state per user, changed only by a newer
 * version (so a stale event delivered out of order is refused), one effect row per applied event,
 * and a status "POISON" that always fails its handler.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({R2dbcAutoConfiguration.class, R2dbcTransactionManagerAutoConfiguration.class,
        DataR2dbcAutoConfiguration.class, TransactionAutoConfiguration.class, FlywayAutoConfiguration.class,
        MessagingAutoConfiguration.class})
class MessagingTestApplication {

    static final String POISON = "POISON";

    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    @Bean
    EventSubscription<KycStatusChanged> kycStatus(DatabaseClient db) {
        return EventSubscription.on(KycStatusChanged.class, event -> {
            KycStatusChanged change = event.data();
            if (POISON.equals(change.status())) {
                return Mono.error(new IllegalArgumentException("poison status for " + change.userId()));
            }
            return db.sql("INSERT INTO test_effects (event_id, user_id) VALUES (:eventId, :userId)")
                    .bind("eventId", event.id()).bind("userId", change.userId()).fetch().rowsUpdated()
                    .then(db.sql("INSERT INTO test_kyc_state (user_id, status, version) VALUES (:userId, :status, :version)"
                                    + " ON CONFLICT (user_id) DO UPDATE SET status = EXCLUDED.status, version = EXCLUDED.version"
                                    + " WHERE test_kyc_state.version < EXCLUDED.version")
                            .bind("userId", change.userId()).bind("status", change.status())
                            .bind("version", change.version()).fetch().rowsUpdated())
                    .then();
        });
    }
}
