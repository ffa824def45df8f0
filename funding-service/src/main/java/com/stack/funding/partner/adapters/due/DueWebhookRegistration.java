package com.stack.funding.partner.adapters.due;

import java.time.Duration;

import com.stack.funding.inbox.app.DueWebhookIntake;
import com.stack.funding.inbox.domain.Ed25519WebhookSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.util.retry.Retry;

/**
 * Registers {@code stack.due.webhook-url} as a Due webhook endpoint at startup (or finds it registered) and
 * trusts the endpoint's Ed25519 key. In the background, retried until Due answers: deliveries that arrive
 * before are refused with 401, and Due retries them.
 */
public class DueWebhookRegistration implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DueWebhookRegistration.class);

    private final DueClient due;
    private final DueWebhookIntake intake;
    private final String url;
    private volatile Disposable registration;

    public DueWebhookRegistration(DueClient due, DueWebhookIntake intake, String url) {
        this.due = due;
        this.intake = intake;
        this.url = url;
    }

    @Override
    public synchronized void start() {
        registration = due.webhookKey(url)
                .map(Ed25519WebhookSignature::publicKey)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
                        .maxBackoff(Duration.ofSeconds(30))
                        .doBeforeRetry(signal -> log.warn(
                                "Registering the Due webhook endpoint {} failed; retrying: {}",
                                url,
                                signal.failure().toString())))
                .subscribe(key -> {
                    intake.trust(key);
                    log.info("Due webhook endpoint {} registered; its key is trusted", url);
                });
    }

    @Override
    public synchronized void stop() {
        if (registration != null) {
            registration.dispose();
            registration = null;
        }
    }

    @Override
    public boolean isRunning() {
        return registration != null && !registration.isDisposed();
    }
}
