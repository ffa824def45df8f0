package com.stack.sandbox.kyc.app;

import java.util.function.Consumer;

import com.stack.sandbox.kyc.domain.Callback;
import com.stack.sandbox.kyc.domain.DeliveryAttempt;
import reactor.core.publisher.Mono;

/** Where the applicants' decision callbacks go out: the port {@code kyc.adapters.CallbackSender} implements. */
public interface CallbackDelivery {

    /** Completes when the receiver answered 2xx or every attempt failed; reports each attempt to {@code onAttempt}. */
    Mono<Void> deliver(Callback callback, Consumer<DeliveryAttempt> onAttempt);
}
