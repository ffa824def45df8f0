package com.stack.sandbox.faults.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.stack.sandbox.faults.domain.DeliveryFault;
import com.stack.sandbox.faults.domain.FaultSpec;
import com.stack.sandbox.faults.domain.RequestFault;
import com.stack.sandbox.partners.EmulatedPartner;
import com.stack.sandbox.partners.EmulatedPartners;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatusCode;

class FaultsTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    final Faults faults = new Faults(new EmulatedPartners(List.of(partner("circle"), partner("kyc"))), clock);

    @Test
    void aCountedFaultHitsExactlyThatManyRequestsUnderConcurrency() throws Exception {
        faults.add(new FaultSpec("circle", null, null, 503, null, null, null, null, 25));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> requests = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                requests.add(
                        () -> faults.claimForRequest("circle", "POST", "/v1/x").isPresent());
            }
            int hits = 0;
            for (Future<Boolean> hit : threads.invokeAll(requests)) {
                hits += hit.get() ? 1 : 0;
            }
            assertThat(hits).isEqualTo(25);
        } finally {
            threads.shutdown();
        }
        assertThat(faults.active()).isEmpty();
    }

    @Test
    void aDeliveryFaultHitsOnlyDeliveriesOfItsTypeAndKindAndARequestFaultNeverHitsADelivery() {
        faults.add(new FaultSpec("circle", null, null, 503, null, null, null, null, null));
        String reorder = faults.add(new FaultSpec(
                        "circle", null, null, null, null, null, null, null, 1, "transactions.inbound", "reorder"))
                .id();
        String drop = faults.add(new FaultSpec("circle", null, null, null, null, null, null, null, 2, "*", "drop"))
                .id();

        assertThat(faults.claimForDelivery("kyc", "transactions.inbound")).isEmpty();
        assertThat(faults.claimForDelivery("circle", "transactions.outbound", EnumSet.of(DeliveryFault.Kind.REORDER)))
                .isEmpty();
        assertThat(faults.claimForDelivery(
                        "circle",
                        "transactions.inbound",
                        EnumSet.of(DeliveryFault.Kind.DUPLICATE, DeliveryFault.Kind.DROP)))
                .contains(new DeliveryFault(drop, DeliveryFault.Kind.DROP));
        assertThat(faults.claimForDelivery("circle", "transactions.inbound", EnumSet.of(DeliveryFault.Kind.REORDER)))
                .contains(new DeliveryFault(reorder, DeliveryFault.Kind.REORDER));
        assertThat(faults.claimForDelivery("circle", "transactions.outbound"))
                .contains(new DeliveryFault(drop, DeliveryFault.Kind.DROP));
        assertThat(faults.claimForDelivery("circle", "transactions.inbound")).isEmpty();

        // the request fault still hits requests, untouched by the deliveries
        assertThat(faults.claimForRequest("circle", "GET", "/v1/w3s/wallets/x")).isPresent();
        faults.add(new FaultSpec("circle", null, null, null, null, null, null, null, null, "*", "duplicate"));
        assertThat(faults.claimForRequest("kyc", "GET", "/v1/applicants/a")).isEmpty();
    }

    @Test
    void aFaultEndsWhenItsDurationIsOver() {
        faults.add(new FaultSpec("kyc", null, null, 500, null, null, null, 20L, null));
        clock.advance(Duration.ofSeconds(19));
        assertThat(faults.claimForRequest("kyc", "GET", "/v1/applicants/a")).isPresent();

        clock.advance(Duration.ofSeconds(1));
        assertThat(faults.claimForRequest("kyc", "GET", "/v1/applicants/a")).isEmpty();
        assertThat(faults.active()).isEmpty();
    }

    @Test
    void theFirstMatchingFaultWinsAndAntPatternsMatchBelowThePartnersBase() {
        String walletsFault = faults.add(
                        new FaultSpec("circle", "post", "/v1/w3s/developer/**", 503, null, null, null, null, null))
                .id();
        String anyFault = faults.add(new FaultSpec("circle", null, null, null, 250L, null, null, null, null))
                .id();

        assertThat(faults.claimForRequest("circle", "POST", "/v1/w3s/developer/wallets"))
                .map(RequestFault::faultId)
                .contains(walletsFault);
        assertThat(faults.claimForRequest("circle", "GET", "/v1/w3s/developer/wallets"))
                .map(RequestFault::faultId)
                .contains(anyFault);
        assertThat(faults.claimForRequest("circle", "GET", "/v1/w3s/wallets/1")).hasValueSatisfying(effect -> {
            assertThat(effect.latency()).isEqualTo(Duration.ofMillis(250));
            assertThat(effect.status()).isNull();
            assertThat(effect.timeout()).isFalse();
        });
        assertThat(faults.claimForRequest("kyc", "POST", "/v1/w3s/developer/wallets"))
                .isEmpty();
    }

    @Test
    void probabilityDecidesWithTheRollAndAMissCostsNothing() {
        var fault = new FaultSpec("circle", null, null, 503, null, null, 0.25, null, 1)
                .toFault("flt_x", clock.instant(), java.util.Set.of("circle"));

        assertThat(fault.tryHit(0.25, clock.instant())).isFalse();
        assertThat(fault.tryHit(0.99, clock.instant())).isFalse();
        assertThat(fault.view().remaining()).isEqualTo(1);
        assertThat(fault.tryHit(0.24, clock.instant())).isTrue();
        assertThat(fault.tryHit(0.0, clock.instant())).isFalse();
        assertThat(fault.isOver(clock.instant())).isTrue();
    }

    static EmulatedPartner partner(String name) {
        return new EmulatedPartner(name, "/" + name, "key", new EmulatedPartner.ErrorFormat() {

            @Override
            public Object unauthorized(String message) {
                return message;
            }

            @Override
            public Object failure(HttpStatusCode status) {
                return status.value();
            }
        });
    }

    static final class MutableClock extends Clock {

        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
