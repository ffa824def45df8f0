package com.stack.defaults.messaging;

import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;

/** A reactive loop that runs for the application's lifetime: started once, disposed on shutdown. */
public abstract class BackgroundLoop implements SmartLifecycle {

    private Disposable loop;

    /** Subscribes the loop; {@code null} when there is nothing to run. */
    protected abstract Disposable begin();

    @Override
    public synchronized void start() {
        if (!isRunning()) {
            loop = begin();
        }
    }

    @Override
    public synchronized void stop() {
        if (loop != null) {
            loop.dispose();
            loop = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return loop != null && !loop.isDisposed();
    }
}
