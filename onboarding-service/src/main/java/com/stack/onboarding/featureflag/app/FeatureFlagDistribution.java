package com.stack.onboarding.featureflag.app;

import java.time.Duration;

import com.stack.defaults.messaging.BackgroundLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.util.retry.Retry;

/**
 * At startup, the stored feature flags are written to Redis again ({@link FeatureFlagAdmin#distribute()}): a Redis
 * that restarted empty, or missed a change while it was down, has the set again. In the background, retried until
 * Redis answers; meanwhile the services keep the flags they last read.
 */
@Component
public class FeatureFlagDistribution extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(FeatureFlagDistribution.class);

    private final FeatureFlagAdmin admin;

    public FeatureFlagDistribution(FeatureFlagAdmin admin) {
        this.admin = admin;
    }

    @Override
    protected Disposable begin() {
        return admin.distribute()
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
                        .maxBackoff(Duration.ofSeconds(30))
                        .doBeforeRetry(signal -> log.warn(
                                "Feature flags not written to Redis at startup; retrying: {}",
                                signal.failure().toString())))
                .subscribe(set -> log.info(
                        "Feature flags written to Redis: {} flags, version {}",
                        set.flags().size(),
                        set.version()));
    }
}
