package com.stack.onboarding.passcode.app;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.stack.defaults.errors.RetryLaterException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Argon2id for passcodes, with its cost bounded per instance. Each hash takes 16 MB and a core for tens of
 * milliseconds, so a burst of requests must not start them all at once: hashes run on a scheduler of their
 * own with {@code maxConcurrent} threads (never on an event loop, nor on the shared bounded elastic
 * scheduler other work needs), and at most {@code maxConcurrent + maxQueued} requests are admitted at a time;
 * one more is refused at once with {@code BUSY} and a retry hint, before it costs anything.
 *
 * <p>A request is admitted before it does anything else ({@link #whenAdmitted}), so a refused one has
 * neither counted a guess nor used up a passcode change.
 */
public class PasscodeHashing implements AutoCloseable {

    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private final Settings settings;
    private final Scheduler scheduler;
    private final AtomicInteger admitted = new AtomicInteger();
    private final Timer hashes;
    private final Counter refused;

    /**
     * @param maxConcurrent  hashes computed at the same time (threads; each holds 16 MB while it runs)
     * @param maxQueued      admitted requests beyond those, waiting for a thread
     * @param busyRetryAfter the retry hint of a refused request
     */
    public record Settings(int maxConcurrent, int maxQueued, Duration busyRetryAfter) {

        public Settings {
            if (maxConcurrent < 1 || maxQueued < 0 || busyRetryAfter == null || busyRetryAfter.isNegative()) {
                throw new IllegalArgumentException("stack.passcode.hashing needs max-concurrent >= 1, max-queued >= 0 "
                        + "and a busy-retry-after");
            }
        }
    }

    public PasscodeHashing(Settings settings, MeterRegistry meters) {
        this.settings = settings;
        this.scheduler = Schedulers.newBoundedElastic(settings.maxConcurrent(), Integer.MAX_VALUE, "passcode-hashing");
        MeterRegistry registry = meters == null ? new SimpleMeterRegistry() : meters;
        this.hashes = Timer.builder("stack.onboarding.passcode.hashes")
                .description("Argon2 passcode hashes computed (setPasscode and verifyPasscode)")
                .register(registry);
        this.refused = Counter.builder("stack.onboarding.passcode.hashing.refused")
                .description("Passcode requests refused BUSY because the hashing queue was full")
                .register(registry);
        registry.gauge("stack.onboarding.passcode.hashing.admitted", admitted);
    }

    /**
     * Runs {@code work} if the instance can take one more passcode request now, else fails it with
     * {@code BUSY} without running it. The admission lasts until the work's publisher ends.
     */
    public <T> Mono<T> whenAdmitted(Function<Hasher, Mono<T>> work) {
        return Mono.defer(() -> {
            if (admitted.incrementAndGet() > settings.maxConcurrent() + settings.maxQueued()) {
                admitted.decrementAndGet();
                refused.increment();
                return Mono.error(RetryLaterException.busy(
                        "Too many passcode requests right now; try again shortly", settings.busyRetryAfter()));
            }
            return work.apply(new Hasher()).doFinally(signal -> admitted.decrementAndGet());
        });
    }

    /** The hashing an admitted request may do, each call on the hashing scheduler. */
    public final class Hasher {

        private Hasher() {}

        public Mono<String> hash(String passcode) {
            return Mono.fromCallable(() -> hashes.recordCallable(() -> encoder.encode(passcode)))
                    .subscribeOn(scheduler);
        }

        /** Compares with the stored hash in constant time. */
        public Mono<Boolean> matches(String passcode, String hash) {
            return Mono.fromCallable(() -> hashes.recordCallable(() -> encoder.matches(passcode, hash)))
                    .subscribeOn(scheduler);
        }
    }

    /** Requests admitted and not finished yet (running, waiting for a thread, or in their transaction). */
    public int admitted() {
        return admitted.get();
    }

    @Override
    public void close() {
        scheduler.dispose();
    }
}
