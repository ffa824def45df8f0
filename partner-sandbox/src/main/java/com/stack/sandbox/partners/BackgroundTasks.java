package com.stack.sandbox.partners;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The partners' own asynchrony (a KYC decision after a delay, a webhook delivery with its retries):
 * work a request starts but does not wait for. A request hands the work over as a publisher; one
 * subscription, started and disposed with the application, runs them all concurrently, so no request
 * path subscribes on the side and shutdown cancels what is still pending.
 */
@Component
public class BackgroundTasks implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackgroundTasks.class);
    private static final int CONCURRENCY = 1024;

    private final Sinks.Many<Mono<?>> tasks = Sinks.many().unicast().onBackpressureBuffer();
    private Disposable loop;

    /** Runs {@code task} in the background; its failure is logged, never propagated. */
    public void submit(Mono<?> task) {
        Sinks.EmitResult result;
        // concurrent submitters contend for the sink for nanoseconds: try again rather than lose the task
        // (without Thread.onSpinWait, which BlockHound counts as blocking: requests submit on event loops)
        do {
            result = tasks.tryEmitNext(task);
        } while (result == Sinks.EmitResult.FAIL_NON_SERIALIZED);
        if (result.isFailure()) {
            log.warn("The sandbox is stopping; a background task was dropped ({})", result);
        }
    }

    @Override
    public synchronized void start() {
        if (loop == null) {
            loop = tasks.asFlux()
                    .flatMap(
                            task -> task.onErrorResume(e -> {
                                        log.warn("A background task of the sandbox failed", e);
                                        return Mono.empty();
                                    })
                                    .then(),
                            CONCURRENCY)
                    .onErrorResume(e -> Flux.empty())
                    .subscribe();
        }
    }

    @Override
    public synchronized void stop() {
        if (loop != null) {
            loop.dispose();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return loop != null && !loop.isDisposed();
    }
}
