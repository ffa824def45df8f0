package com.stack.funding.partner.adapters.due;

import java.util.UUID;

import com.stack.funding.partner.adapters.PartnerCallException;
import com.stack.funding.shared.domain.Chain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The users' Due virtual accounts, one per user and chain (a virtual account converts to one rail and one
 * destination): the one kept in funding's database; else the one Due has under the user's reference
 * ({@link DueVirtualAccount#referenceOf}); else a new one, whose USD in ({@code bank_us}, USD) Due converts to
 * USDC on the chain's rail and sends to the user's custody wallet. Opening is safe across crashes: the reference
 * is unique at Due, so an account opened by an attempt that crashed before keeping it is found (a 409 on opening
 * it again is answered by finding it), never opened twice. Fails with {@link PartnerCallException}s: transient
 * ones (5xx, 429, timeouts, an open circuit) are retried under Due's resilience first.
 */
public class DueVirtualAccounts {

    private static final Logger log = LoggerFactory.getLogger(DueVirtualAccounts.class);

    private final DueClient due;
    private final DueVirtualAccount.Store store;

    public DueVirtualAccounts(DueClient due, DueVirtualAccount.Store store) {
        this.due = due;
        this.store = store;
    }

    /**
     * The user's virtual account on the chain, found or opened to send to {@code destination}. One kept for
     * another destination (the user's custody wallet changed) is refused: Due would send the USDC elsewhere.
     */
    public Mono<DueVirtualAccount> forUser(UUID userId, Chain chain, String destination) {
        String reference = DueVirtualAccount.referenceOf(userId, chain);
        return store.find(userId, chain)
                .switchIfEmpty(Mono.defer(() -> atDue(userId, chain, destination, reference)))
                .flatMap(account -> account.destination().equals(destination)
                        ? Mono.just(account)
                        : Mono.error(PartnerCallException.refused(
                                "The Due virtual account " + account.virtualAccountId() + " sends to "
                                        + account.destination() + ", not to the custody wallet " + destination)));
    }

    private Mono<DueVirtualAccount> atDue(UUID userId, Chain chain, String destination, String reference) {
        DueClient.VirtualAccountRequest request = new DueClient.VirtualAccountRequest(
                destination, "bank_us", "USD", DueOnRamp.railOf(chain), "USDC", reference);
        Mono<DueClient.VirtualAccountAnswer> adopted = due.virtualAccount(reference)
                .switchIfEmpty(Mono.error(() -> PartnerCallException.unavailable(
                        "Due refused the virtual account " + reference + " as a duplicate, yet has none under it",
                        null)))
                .doOnNext(found -> log.warn(
                        "Due virtual account {} of {} was opened by an earlier attempt: adopted",
                        found.id(),
                        reference));
        return due.virtualAccount(reference)
                .switchIfEmpty(Mono.defer(() -> due.openVirtualAccount(request)
                        .doOnNext(opened -> log.info("Due virtual account {} opened for {}", opened.id(), reference))
                        .switchIfEmpty(Mono.defer(() -> adopted))))
                .map(answer -> new DueVirtualAccount(
                        userId,
                        chain,
                        answer.id(),
                        reference,
                        answer.destination() == null ? destination : answer.destination(),
                        answer.details().accountNumber(),
                        answer.details().routingNumber(),
                        answer.details().bankName()))
                .flatMap(store::keep);
    }
}
