package com.stack.sandbox.kyc.adapters;

import java.util.Map;
import java.util.function.Consumer;

import com.stack.sandbox.kyc.app.CallbackDelivery;
import com.stack.sandbox.kyc.domain.Callback;
import com.stack.sandbox.kyc.domain.CallbackSignature;
import com.stack.sandbox.kyc.domain.DeliveryAttempt;
import com.stack.sandbox.partners.DeliveryPolicy;
import com.stack.sandbox.partners.WebhookSender;
import reactor.core.publisher.Mono;

/**
 * Delivers decision callbacks to the applicant's callback URL through the shared {@link WebhookSender}:
 * the stored bytes and signature, retried on any non-2xx answer or connection failure up to the
 * configured number of attempts, after which the delivery is given up (and can be redelivered
 * through the control API).
 */
public class CallbackSender implements CallbackDelivery {

    private final WebhookSender sender;
    private final DeliveryPolicy policy;

    public CallbackSender(WebhookSender sender, DeliveryPolicy policy) {
        this.sender = sender;
        this.policy = policy;
    }

    @Override
    public Mono<Void> deliver(Callback callback, Consumer<DeliveryAttempt> onAttempt) {
        return sender.deliver(
                        callback.url(),
                        Map.of(CallbackSignature.HEADER, callback.signature()),
                        callback.body(),
                        policy,
                        "KYC callback " + callback.eventId(),
                        attempt -> onAttempt.accept(new DeliveryAttempt(
                                callback.eventId(),
                                attempt.attempt(),
                                attempt.status(),
                                attempt.error(),
                                attempt.at())))
                .then();
    }
}
