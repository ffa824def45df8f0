package com.stack.testsupport;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import reactor.blockhound.BlockingMethod;
import reactor.blockhound.BlockingOperationError;

/**
 * What a test JVM does when BlockHound finds a thread that must not block about to park (see
 * {@link StackBlockHoundIntegration}).
 *
 * <p>A non-blocking thread waiting for an in-memory lock ({@code ReentrantLock}, {@code ReentrantReadWriteLock})
 * that another thread holds for a few field updates is contention, as with a {@code synchronized} block, which
 * BlockHound does not see at all; it is counted here ({@link #byCaller}) and the thread waits. Failing it the usual
 * way, by throwing {@link BlockingOperationError} from inside {@code LockSupport.park}, leaves the thread's node in
 * the lock's wait queue: the lock is never handed to the threads queued behind it, and the next request that needs it
 * hangs until its client gives up. Two event loops (a test's client and the server) filling the same lazily built
 * cache at once, on a fresh service's first request, are enough for that.
 *
 * <p>Every other blocking call (I/O, sleeping, waiting on a latch, a condition, a future or a queue's contents)
 * still throws, as BlockHound's default does, and fails the test that made it.
 */
public final class LockWaits {

    /** The frames between the blocking check and the lock's own acquire method. */
    private static final Set<String> PARKING_FRAMES = Set.of(
            "jdk.internal.misc.Unsafe",
            "java.util.concurrent.locks.LockSupport",
            "java.util.concurrent.locks.AbstractQueuedSynchronizer");

    private static final Map<String, LongAdder> WAITS = new ConcurrentHashMap<>();

    private LockWaits() {}

    /** BlockHound's callback: a lock wait is counted and allowed, anything else fails the calling thread. */
    static void onBlockingCall(BlockingMethod method) {
        String lockCaller = lockCaller();
        if (lockCaller == null) {
            throw new BlockingOperationError(method);
        }
        WAITS.computeIfAbsent(lockCaller, caller -> new LongAdder()).increment();
    }

    /**
     * The code that asked for the lock when this thread is about to park in a lock's acquire method
     * ({@code ReentrantLock.lock()}, a read or write lock's {@code lock()}, their interruptible and timed forms);
     * null when it is parking for anything else (a condition, a latch, a semaphore, a future).
     */
    static String lockCaller() {
        return StackWalker.getInstance().walk(frames -> {
            Iterator<StackWalker.StackFrame> above = frames.dropWhile(
                            frame -> !PARKING_FRAMES.contains(frame.getClassName()))
                    .dropWhile(frame -> PARKING_FRAMES.contains(frame.getClassName()))
                    .iterator();
            if (!above.hasNext() || !isLockAcquisition(above.next())) {
                return null;
            }
            while (above.hasNext()) {
                StackWalker.StackFrame frame = above.next();
                if (!isLockAcquisition(frame)) {
                    return frame.getClassName() + "." + frame.getMethodName();
                }
            }
            return null;
        });
    }

    private static boolean isLockAcquisition(StackWalker.StackFrame frame) {
        String type = frame.getClassName();
        boolean lockType = type.equals("java.util.concurrent.locks.ReentrantLock")
                || type.startsWith("java.util.concurrent.locks.ReentrantLock$")
                || type.startsWith("java.util.concurrent.locks.ReentrantReadWriteLock$");
        return lockType
                && (frame.getMethodName().startsWith("lock")
                        || frame.getMethodName().startsWith("tryLock"));
    }

    /** How many times a non-blocking thread of this JVM waited for a lock, by the code that asked for it. */
    public static Map<String, Long> byCaller() {
        Map<String, Long> waits = new TreeMap<>();
        WAITS.forEach((caller, count) -> waits.put(caller, count.sum()));
        return waits;
    }
}
