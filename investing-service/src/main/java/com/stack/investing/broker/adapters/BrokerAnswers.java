package com.stack.investing.broker.adapters;

import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientResponse;
import reactor.core.publisher.Mono;

/**
 * How both brokers' answers to a cancel and to an order read are taken: the status that means "nothing to do" (the
 * order is final already; there is no such order), a success read by the caller, anything else translated into the
 * adapter's own errors by {@code translate}. The partners differ only in those statuses and bodies.
 */
public final class BrokerAnswers {

    private static final Logger log = LoggerFactory.getLogger(BrokerAnswers.class);

    private BrokerAnswers() {}

    /**
     * A cancel's answer: {@code alreadyFinal} (the broker's answer to a cancel of an order that is final already; its
     * report says how it ended) completes like a success.
     */
    public static Mono<Void> canceled(
            ClientResponse response,
            HttpStatus alreadyFinal,
            String partner,
            String orderId,
            String what,
            BiFunction<String, ClientResponse, Mono<Throwable>> translate) {
        if (response.statusCode().value() == alreadyFinal.value()) {
            return response.releaseBody()
                    .doOnSuccess(released -> log.info("{} order {} is final already; not canceled", partner, orderId));
        }
        if (!response.statusCode().is2xxSuccessful()) {
            return translate.apply(what, response).flatMap(Mono::error);
        }
        return response.releaseBody();
    }

    /** An order read's answer: 404 is no such order; a success is read by {@code read}. */
    public static <T> Mono<Optional<T>> found(
            ClientResponse response,
            String what,
            BiFunction<String, ClientResponse, Mono<Throwable>> translate,
            Function<ClientResponse, Mono<T>> read) {
        if (response.statusCode().value() == HttpStatus.NOT_FOUND.value()) {
            return response.releaseBody().thenReturn(Optional.empty());
        }
        if (!response.statusCode().is2xxSuccessful()) {
            return translate.apply(what, response).flatMap(Mono::error);
        }
        return read.apply(response).map(Optional::of);
    }
}
