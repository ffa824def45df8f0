package com.stack.funding.adapters.redis;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

import com.stack.funding.app.LiveUpdates;
import com.stack.funding.domain.Chain;
import com.stack.funding.domain.Deposit;
import com.stack.funding.domain.DepositStatus;
import com.stack.funding.domain.Withdrawal;
import com.stack.funding.domain.WithdrawalStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link LiveUpdates} over Redis pub/sub (Lettuce, reactive): one channel per kind and user,
 * {@code stack:funding:<kind>:<userId>} ({@code deposits}, {@code withdrawals}), carrying the thing as JSON in a
 * message record of its own (the wire format, kept apart from the domain record; the deposits' is the one they
 * always had). Every funding instance subscribes only to the channels of its connected subscribers.
 *
 * @param <T> what changes
 */
public final class RedisLiveUpdates<T> implements LiveUpdates<T> {

    private static final Logger log = LoggerFactory.getLogger(RedisLiveUpdates.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ReactiveStringRedisTemplate redis;
    private final String kind;
    private final Class<? extends Message<T>> messageType;
    private final Function<T, Message<T>> toMessage;

    private RedisLiveUpdates(ReactiveStringRedisTemplate redis, String kind, Class<? extends Message<T>> messageType,
            Function<T, Message<T>> toMessage) {
        this.redis = redis;
        this.kind = kind;
        this.messageType = messageType;
        this.toMessage = toMessage;
    }

    public static LiveUpdates<Deposit> deposits(ReactiveStringRedisTemplate redis) {
        return new RedisLiveUpdates<>(redis, "deposits", DepositMessage.class, DepositMessage::of);
    }

    public static LiveUpdates<Withdrawal> withdrawals(ReactiveStringRedisTemplate redis) {
        return new RedisLiveUpdates<>(redis, "withdrawals", WithdrawalMessage.class, WithdrawalMessage::of);
    }

    private String channel(UUID userId) {
        return "stack:funding:" + kind + ":" + userId;
    }

    /** One kind's JSON message: whose it is, and the thing it carries. */
    interface Message<T> {
        UUID userId();

        T read();
    }

    @Override
    public Mono<Void> publish(T changed) {
        Message<T> message = toMessage.apply(changed);
        return redis.convertAndSend(channel(message.userId()), JSON.writeValueAsString(message)).then();
    }

    @Override
    public Mono<Flux<T>> listen(UUID userId) {
        String channel = channel(userId);
        return redis.listenToChannelLater(channel).map(messages -> messages.flatMap(message -> {
            try {
                Message<T> read = JSON.readValue(message.getMessage(), messageType);
                // belt and braces: a channel carries only its user's updates
                return userId.equals(read.userId()) ? Mono.just(read.read()) : Mono.<T>empty();
            } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
                log.warn("Ignoring an unreadable update on {}: {}", channel, e.toString());
                return Mono.<T>empty();
            }
        }));
    }

    record DepositMessage(UUID id, UUID userId, String chain, String txHash, String amountUsdc, String status,
            String failureReason, long version, String createdAt, String updatedAt) implements Message<Deposit> {

        static DepositMessage of(Deposit deposit) {
            return new DepositMessage(deposit.id(), deposit.userId(), deposit.chain().column(), deposit.txHash(),
                    deposit.amountUsdc().toPlainString(), deposit.status().column(), deposit.failureReason(),
                    deposit.version(), deposit.createdAt().toString(), deposit.updatedAt().toString());
        }

        @Override
        public Deposit read() {
            return new Deposit(id, userId, Chain.fromColumn(chain), txHash, new BigDecimal(amountUsdc),
                    DepositStatus.fromColumn(status), failureReason, version, Instant.parse(createdAt),
                    Instant.parse(updatedAt));
        }
    }

    record WithdrawalMessage(UUID id, UUID userId, String amountUsd, String chain, String address, String status,
            String txHash, String failureReason, long version, String createdAt, String updatedAt)
            implements Message<Withdrawal> {

        static WithdrawalMessage of(Withdrawal withdrawal) {
            return new WithdrawalMessage(withdrawal.id(), withdrawal.userId(), withdrawal.amountUsd().toPlainString(),
                    withdrawal.chain().column(), withdrawal.address(), withdrawal.status().column(), withdrawal.txHash(),
                    withdrawal.failureReason(), withdrawal.version(), withdrawal.createdAt().toString(),
                    withdrawal.updatedAt().toString());
        }

        @Override
        public Withdrawal read() {
            return new Withdrawal(id, userId, new BigDecimal(amountUsd), Chain.fromColumn(chain), address,
                    WithdrawalStatus.fromColumn(status), txHash, failureReason, version, Instant.parse(createdAt),
                    Instant.parse(updatedAt));
        }
    }
}
