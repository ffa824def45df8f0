package com.stack.funding.adapters.redis;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.stack.funding.app.DepositUpdates;
import com.stack.funding.domain.Chain;
import com.stack.funding.domain.Deposit;
import com.stack.funding.domain.DepositStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link DepositUpdates} over Redis pub/sub (Lettuce, reactive): one channel per user,
 * {@code stack:funding:deposits:<userId>}, carrying the deposit as JSON. Every funding instance subscribes
 * only to the channels of its connected subscribers.
 */
@Component
public class RedisDepositUpdates implements DepositUpdates {

    private static final Logger log = LoggerFactory.getLogger(RedisDepositUpdates.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ReactiveStringRedisTemplate redis;

    public RedisDepositUpdates(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    static String channel(UUID userId) {
        return "stack:funding:deposits:" + userId;
    }

    record Message(UUID id, UUID userId, String chain, String txHash, String amountUsdc, String status,
            String failureReason, long version, String createdAt, String updatedAt) {
    }

    @Override
    public Mono<Void> publish(Deposit deposit) {
        Message message = new Message(deposit.id(), deposit.userId(), deposit.chain().column(), deposit.txHash(),
                deposit.amountUsdc().toPlainString(), deposit.status().column(), deposit.failureReason(), deposit.version(),
                deposit.createdAt().toString(), deposit.updatedAt().toString());
        return redis.convertAndSend(channel(deposit.userId()), JSON.writeValueAsString(message)).then();
    }

    @Override
    public Flux<Deposit> of(UUID userId) {
        return redis.listenToChannel(channel(userId))
                .flatMap(message -> {
                    try {
                        Message m = JSON.readValue(message.getMessage(), Message.class);
                        return Mono.just(new Deposit(m.id(), m.userId(), Chain.fromColumn(m.chain()), m.txHash(),
                                new BigDecimal(m.amountUsdc()), DepositStatus.fromColumn(m.status()), m.failureReason(),
                                m.version(), Instant.parse(m.createdAt()), Instant.parse(m.updatedAt())));
                    } catch (JacksonException | IllegalArgumentException e) {
                        log.warn("Ignoring an unreadable deposit update on {}: {}", channel(userId), e.toString());
                        return Mono.empty();
                    }
                })
                // belt and braces: a channel carries only its user's deposits
                .filter(deposit -> deposit.userId().equals(userId));
    }
}
