package com.stack.funding.live.adapters.redis;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.stack.defaults.live.LiveUpdates;
import com.stack.defaults.live.RedisLiveUpdates;
import com.stack.funding.deposit.domain.Deposit;
import com.stack.funding.deposit.domain.DepositStatus;
import com.stack.funding.shared.domain.Chain;
import com.stack.funding.withdrawal.domain.Withdrawal;
import com.stack.funding.withdrawal.domain.WithdrawalStatus;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Funding's live updates over Redis pub/sub ({@link RedisLiveUpdates}): the channels
 * {@code stack:funding:deposits:<userId>} and {@code stack:funding:withdrawals:<userId>}, each carrying its thing as
 * JSON in a message record of its own (the wire format, kept apart from the domain record; the deposits' is the one
 * they always had).
 */
public final class FundingLiveUpdates {

    private FundingLiveUpdates() {}

    public static LiveUpdates<Deposit> deposits(ReactiveStringRedisTemplate redis) {
        return RedisLiveUpdates.of(
                redis,
                "stack:funding:deposits",
                DepositMessage.class,
                DepositMessage::of,
                DepositMessage::read,
                DepositMessage::userId);
    }

    public static LiveUpdates<Withdrawal> withdrawals(ReactiveStringRedisTemplate redis) {
        return RedisLiveUpdates.of(
                redis,
                "stack:funding:withdrawals",
                WithdrawalMessage.class,
                WithdrawalMessage::of,
                WithdrawalMessage::read,
                WithdrawalMessage::userId);
    }

    record DepositMessage(
            UUID id,
            UUID userId,
            String chain,
            String txHash,
            String amountUsdc,
            String status,
            String failureReason,
            long version,
            String createdAt,
            String updatedAt) {

        static DepositMessage of(Deposit deposit) {
            return new DepositMessage(
                    deposit.id(),
                    deposit.userId(),
                    deposit.chain().column(),
                    deposit.txHash(),
                    deposit.amountUsdc().toPlainString(),
                    deposit.status().column(),
                    deposit.failureReason(),
                    deposit.version(),
                    deposit.createdAt().toString(),
                    deposit.updatedAt().toString());
        }

        Deposit read() {
            return new Deposit(
                    id,
                    userId,
                    Chain.fromColumn(chain),
                    txHash,
                    new BigDecimal(amountUsdc),
                    DepositStatus.fromColumn(status),
                    failureReason,
                    version,
                    Instant.parse(createdAt),
                    Instant.parse(updatedAt));
        }
    }

    record WithdrawalMessage(
            UUID id,
            UUID userId,
            String amountUsd,
            String chain,
            String address,
            String status,
            String txHash,
            String failureReason,
            long version,
            String createdAt,
            String updatedAt) {

        static WithdrawalMessage of(Withdrawal withdrawal) {
            return new WithdrawalMessage(
                    withdrawal.id(),
                    withdrawal.userId(),
                    withdrawal.amountUsd().toPlainString(),
                    withdrawal.chain().column(),
                    withdrawal.address(),
                    withdrawal.status().column(),
                    withdrawal.txHash(),
                    withdrawal.failureReason(),
                    withdrawal.version(),
                    withdrawal.createdAt().toString(),
                    withdrawal.updatedAt().toString());
        }

        Withdrawal read() {
            return new Withdrawal(
                    id,
                    userId,
                    new BigDecimal(amountUsd),
                    Chain.fromColumn(chain),
                    address,
                    WithdrawalStatus.fromColumn(status),
                    txHash,
                    failureReason,
                    version,
                    Instant.parse(createdAt),
                    Instant.parse(updatedAt));
        }
    }
}
