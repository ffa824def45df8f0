package com.stack.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * BlockHound as every test JVM installs it (blockhound-junit-platform and {@link StackBlockHoundIntegration}):
 * a non-blocking thread may wait for a lock, and the lock keeps working for the threads queued behind it; any
 * other blocking call still fails.
 */
class LockWaitsTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void nonBlockingThreadsWaitForALockAndTheThreadsQueuedBehindThemStillGetIt() throws InterruptedException {
        ReentrantLock lock = new ReentrantLock();
        lock.lock();
        Mono<String> first = lockedOnNonBlockingThread(lock, "first").cache();
        Mono<String> second = lockedOnNonBlockingThread(lock, "second").cache();
        first.subscribe(value -> {}, error -> {});
        awaitQueued(lock, 1);
        second.subscribe(value -> {}, error -> {});
        awaitQueued(lock, 2);
        // a thread that may block queues behind the two event-loop-like threads, while the lock is still held
        Mono<Boolean> third = Mono.fromCallable(() -> {
                    boolean locked = lock.tryLock(5, TimeUnit.SECONDS);
                    if (locked) {
                        lock.unlock();
                    }
                    return locked;
                })
                .subscribeOn(Schedulers.boundedElastic())
                .cache();
        third.subscribe(value -> {}, error -> {});
        awaitQueued(lock, 3);

        lock.unlock();

        // a non-blocking thread failed inside the lock's acquire would stay in its queue and this would time out
        StepVerifier.create(third).expectNext(true).expectComplete().verify(WAIT);
        StepVerifier.create(first).expectNext("first").expectComplete().verify(WAIT);
        StepVerifier.create(second).expectNext("second").expectComplete().verify(WAIT);
        assertThat(LockWaits.byCaller().keySet())
                .anySatisfy(caller -> assertThat(caller)
                        .startsWith(LockWaitsTest.class.getName() + ".lambda$lockedOnNonBlockingThread"));
    }

    @Test
    void sleepingOnANonBlockingThreadStillFails() {
        StepVerifier.create(Mono.fromCallable(() -> {
                            Thread.sleep(1);
                            return "slept";
                        })
                        .subscribeOn(Schedulers.parallel()))
                .expectError(BlockingOperationError.class)
                .verify(WAIT);
    }

    @Test
    void waitingForALatchOnANonBlockingThreadStillFails() {
        CountDownLatch never = new CountDownLatch(1);
        StepVerifier.create(Mono.fromCallable(() -> never.await(1, TimeUnit.SECONDS))
                        .subscribeOn(Schedulers.parallel()))
                .expectError(BlockingOperationError.class)
                .verify(WAIT);
    }

    /** Takes and releases the lock on one of Reactor's parallel threads, which BlockHound treats as non-blocking. */
    static Mono<String> lockedOnNonBlockingThread(ReentrantLock lock, String name) {
        return Mono.fromCallable(() -> {
                    lock.lock();
                    try {
                        return name;
                    } finally {
                        lock.unlock();
                    }
                })
                .subscribeOn(Schedulers.parallel());
    }

    static void awaitQueued(ReentrantLock lock, int threads) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (lock.getQueueLength() < threads) {
            assertThat(System.nanoTime()).as("threads queued for the lock").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
