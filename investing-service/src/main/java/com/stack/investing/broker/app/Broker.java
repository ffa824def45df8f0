package com.stack.investing.broker.app;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.stack.investing.shared.domain.OrderSide;
import reactor.core.publisher.Mono;

/**
 * The broker that executes orders in the users' brokerage accounts (the port; DriveWealth and Alpaca are the
 * adapters, {@code stack.investing.broker.partner}, the broker funding funds). Every call runs under the shared
 * {@code PartnerResilience} (timeout, retry of transient failures only, circuit breaker) in the adapter. Writes
 * are safe to repeat: an order carries the client order id ({@link OrderRequest#clientOrderId()}, the order's id
 * in investing), so a retried placement answers the order placed before.
 */
public interface Broker {

    /** The partner's name as funding spells it in {@code OrderReservationAnswered.broker}: drivewealth, alpaca. */
    String partner();

    /** A user's account at the broker, as funding's reservation answer names it. */
    record Account(String accountId, String accountNo) {}

    enum AssetClass {
        EQUITY,
        OPTION
    }

    /**
     * One order to the broker: an equity by notional (a market order for {@code notionalUsd}, 2 decimals) or by
     * quantity; an option ({@code symbol} in OCC form, e.g. {@code AAPL270115C00200000}) by {@code quantity}
     * contracts as a limit order at {@code limitPrice} per share (a contract is 100 shares).
     */
    record OrderRequest(
            UUID clientOrderId,
            String symbol,
            AssetClass assetClass,
            OrderSide side,
            BigDecimal notionalUsd,
            BigDecimal quantity,
            BigDecimal limitPrice) {}

    /** The broker accepted the order (it may still reject it later, on its event stream). */
    record Placed(String brokerOrderId) {}

    /** A position the broker holds for the account. */
    record Holding(String symbol, BigDecimal quantity, BigDecimal averagePrice) {}

    /**
     * Places the order, or finds the one placed before under the same client order id. Fails with
     * {@link BrokerRefusedException} when the broker refuses it for good (insufficient buying power or quantity,
     * unknown symbol, market closed for this kind of order, a validation error) and
     * {@link BrokerUnavailableException} when it could not be asked now (ask again later: the same id is safe).
     */
    Mono<Placed> place(Account account, OrderRequest request);

    /**
     * Asks the broker to cancel the order. Completes when the broker accepted the request or the order is already
     * final; the outcome (canceled, or filled first) arrives as an {@link ExecutionReport}.
     */
    Mono<Void> cancel(Account account, String brokerOrderId);

    /** The order as the broker sees it now, by client order id; empty when the broker never received it. */
    Mono<Optional<ExecutionReport>> find(Account account, UUID clientOrderId);

    /** The positions the broker holds for the account (for the reconciler). */
    Mono<List<Holding>> positions(Account account);

    /** The account's cash at the broker (for the reconciler), USD. */
    Mono<BigDecimal> cash(Account account);

    /** The broker refused the request for good. {@code code} is a stable reason, e.g. INSUFFICIENT_BUYING_POWER. */
    final class BrokerRefusedException extends RuntimeException {

        private static final long serialVersionUID = 1L;
        private final String code;

        public BrokerRefusedException(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** The broker could not be asked now (a timeout, a 5xx, a 429, an open circuit). */
    final class BrokerUnavailableException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public BrokerUnavailableException(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }
}
