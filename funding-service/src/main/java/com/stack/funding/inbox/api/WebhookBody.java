package com.stack.funding.inbox.api;

import org.springframework.core.ResolvableType;
import org.springframework.core.codec.ByteArrayDecoder;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;

/**
 * A webhook's raw body, exactly as sent (signatures are over these bytes), at most a configured size: a
 * declared length over it is refused before anything is read, and a chunked body fails with
 * {@link org.springframework.core.io.buffer.DataBufferLimitException} as soon as it passes it.
 */
final class WebhookBody {

    private static final ResolvableType BYTES = ResolvableType.forClass(byte[].class);

    private final int maxBytes;
    /** Joins the body's buffers into bytes (releasing them), failing past the size limit. */
    private final ByteArrayDecoder reader = new ByteArrayDecoder();

    WebhookBody(DataSize max) {
        this.maxBytes = Math.toIntExact(max.toBytes());
        this.reader.setMaxInMemorySize(maxBytes);
    }

    /** Whether the request declares a body over the limit. */
    boolean declaredTooLarge(ServerHttpRequest request) {
        return request.getHeaders().getContentLength() > maxBytes;
    }

    Mono<byte[]> read(ServerHttpRequest request) {
        return reader.decodeToMono(request.getBody(), BYTES, null, null).defaultIfEmpty(new byte[0]);
    }
}
