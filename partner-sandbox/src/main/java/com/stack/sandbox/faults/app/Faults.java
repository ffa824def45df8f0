package com.stack.sandbox.faults.app;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import com.stack.sandbox.faults.domain.DeliveryFault;
import com.stack.sandbox.faults.domain.Fault;
import com.stack.sandbox.faults.domain.FaultSpec;
import com.stack.sandbox.faults.domain.RequestFault;
import com.stack.sandbox.partners.EmulatedPartners;
import com.stack.sandbox.partners.SandboxIds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.util.AntPathMatcher;

/**
 * The active faults, in the order they were created, and the one question the emulations ask:
 * "is this request hit, and how?". The first matching fault that hits wins.
 *
 * <p>Request faults act on requests to a partner's API ({@link #claimForRequest}); delivery faults on
 * the notifications a partner sends ({@link #claimForDelivery}): a webhook sender asks before it
 * delivers, and duplicates, drops or reorders what a hit says.
 */
@Service
public class Faults {

    /** The faults' path patterns, Ant style, as Spring matches request paths. */
    private static final AntPathMatcher PATHS = new AntPathMatcher();

    private final CopyOnWriteArrayList<Fault> faults = new CopyOnWriteArrayList<>();
    private final EmulatedPartners partners;
    private final Clock clock;

    @Autowired
    public Faults(EmulatedPartners partners) {
        this(partners, Clock.systemUTC());
    }

    Faults(EmulatedPartners partners, Clock clock) {
        this.partners = partners;
        this.clock = clock;
    }

    /** @throws com.stack.sandbox.faults.domain.InvalidFaultException when the spec breaks a rule */
    public Fault add(FaultSpec spec) {
        Fault fault = spec.toFault(SandboxIds.prefixed("flt_"), clock.instant(), Set.copyOf(partners.names()));
        faults.add(fault);
        return fault;
    }

    public List<Fault> active() {
        prune();
        return List.copyOf(faults);
    }

    public boolean remove(String id) {
        return faults.removeIf(fault -> fault.id().equals(id));
    }

    public void clear() {
        faults.clear();
    }

    /**
     * The fault effect for a request to {@code partner}'s API, if an active fault hits it; the hit
     * counts against that fault's count.
     *
     * @param relativePath the path below the partner's base path
     */
    public Optional<RequestFault> claimForRequest(String partner, String method, String relativePath) {
        prune();
        for (Fault fault : faults) {
            if (fault.matches(partner, method, relativePath, PATHS::match)
                    && fault.tryHit(ThreadLocalRandom.current().nextDouble(), clock.instant())) {
                return Optional.of(fault.effect());
            }
        }
        return Optional.empty();
    }

    /**
     * The fault effect for a notification of {@code type} that {@code partner} is about to deliver, if
     * an active delivery fault hits it; the hit counts against that fault's count.
     */
    public Optional<DeliveryFault> claimForDelivery(String partner, String type) {
        return claimForDelivery(partner, type, EnumSet.allOf(DeliveryFault.Kind.class));
    }

    /**
     * As {@link #claimForDelivery(String, String)}, considering only faults of these kinds: a sender
     * asks for {@code REORDER} once per object and for {@code DUPLICATE}/{@code DROP} once per
     * notification, so neither question uses up the other's faults.
     */
    public Optional<DeliveryFault> claimForDelivery(String partner, String type, Set<DeliveryFault.Kind> kinds) {
        prune();
        for (Fault fault : faults) {
            if (fault.matchesDelivery(partner, type, kinds)
                    && fault.tryHit(ThreadLocalRandom.current().nextDouble(), clock.instant())) {
                return Optional.of(fault.deliveryEffect());
            }
        }
        return Optional.empty();
    }

    private void prune() {
        var now = clock.instant();
        faults.removeIf(fault -> fault.isOver(now));
    }
}
