package com.stack.funding.partner.adapters.due;

import java.util.UUID;

import com.stack.funding.shared.domain.Chain;
import reactor.core.publisher.Mono;

/**
 * A user's Due virtual account on a chain: USD paid into its bank details is converted by Due to USDC sent to
 * {@code destination}, the user's custody wallet on {@code chain}.
 *
 * @param virtualAccountId Due's {@code va_...}
 * @param reference        ours, unique at Due ({@link #referenceOf})
 */
public record DueVirtualAccount(
        UUID userId,
        Chain chain,
        String virtualAccountId,
        String reference,
        String destination,
        String accountNumber,
        String routingNumber,
        String bankName) {

    /** The reference the user's virtual account on the chain has at Due: the same on every attempt, so Due finds it. */
    public static String referenceOf(UUID userId, Chain chain) {
        return "stack-" + userId + "-" + chain.column();
    }

    /** Where the virtual accounts are kept once Due answered (funding's database; {@link DueVirtualAccountRepository}). */
    public interface Store {

        /** The user's virtual account on the chain, empty when none was kept. */
        Mono<DueVirtualAccount> find(UUID userId, Chain chain);

        /** Keeps the account unless one is kept for the user and chain already; emits the one kept. */
        Mono<DueVirtualAccount> keep(DueVirtualAccount account);
    }
}
