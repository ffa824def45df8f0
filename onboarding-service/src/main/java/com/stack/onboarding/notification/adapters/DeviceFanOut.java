package com.stack.onboarding.notification.adapters;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import com.stack.onboarding.notification.app.PushMessage;
import com.stack.onboarding.notification.app.PushUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What every push adapter does around its own send to one device: finds the user's devices this notification
 * has not reached, sends to a few at a time, records each outcome, removes a token the push service calls dead,
 * and fails the whole push (to be retried) when some device could not be reached.
 */
@Component
public class DeviceFanOut {

    private static final Logger log = LoggerFactory.getLogger(DeviceFanOut.class);
    private static final int CONCURRENT_DEVICES = 4;

    private final DeviceTokenRepository devices;
    private final PushDeliveryRepository deliveries;

    public DeviceFanOut(DeviceTokenRepository devices, PushDeliveryRepository deliveries) {
        this.devices = devices;
        this.deliveries = deliveries;
    }

    /** What became of the push to one device. */
    public sealed interface Outcome {

        /** @param messageName the push service's id of the message, for operators */
        record Sent(String messageName) implements Outcome {}

        /** The token is dead (the app was uninstalled, the token expired or is not one): removed. */
        record Dead(String reason) implements Outcome {}

        /** Not reached now; the push is retried. */
        record Failed(String reason) implements Outcome {}
    }

    /**
     * @param channel  the adapter, as recorded ("fcm", "local")
     * @param toDevice sends to one token; never fails (a failure is an {@link Outcome.Failed})
     */
    public Mono<Void> send(PushMessage push, String channel, Function<String, Mono<Outcome>> toDevice) {
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> lastReason = new AtomicReference<>();
        return devices.unreachedFor(push.userId(), push.notificationId())
                .flatMap(
                        token -> toDevice.apply(token)
                                .flatMap(outcome -> record(push, channel, token, outcome)
                                        .doOnSuccess(recorded -> {
                                            if (outcome instanceof Outcome.Failed failure) {
                                                failed.incrementAndGet();
                                                lastReason.set(failure.reason());
                                            }
                                        })),
                        CONCURRENT_DEVICES)
                .then(Mono.defer(() -> failed.get() == 0
                        ? Mono.<Void>empty()
                        : Mono.error(new PushUnavailableException(
                                failed.get() + " device(s) not reached: " + lastReason.get()))));
    }

    private Mono<Void> record(PushMessage push, String channel, String token, Outcome outcome) {
        if (outcome instanceof Outcome.Sent sent) {
            return deliveries.recordSend(push.notificationId(), token, channel, "sent", sent.messageName(), null);
        }
        if (outcome instanceof Outcome.Dead dead) {
            log.info("Push token of user {} is dead ({}); removing it", push.userId(), dead.reason());
            return deliveries
                    .recordSend(push.notificationId(), token, channel, "unregistered", null, dead.reason())
                    .then(devices.remove(push.userId(), token))
                    .then();
        }
        return deliveries.recordSend(
                push.notificationId(), token, channel, "failed", null, ((Outcome.Failed) outcome).reason());
    }
}
