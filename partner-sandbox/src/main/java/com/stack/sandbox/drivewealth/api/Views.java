package com.stack.sandbox.drivewealth.api;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.stack.sandbox.drivewealth.domain.Account;
import com.stack.sandbox.drivewealth.domain.Event;
import com.stack.sandbox.drivewealth.domain.Funding;
import com.stack.sandbox.market.domain.Order;
import com.stack.sandbox.market.domain.Position;

/** The JSON answers of the DriveWealth emulation. */
final class Views {

    private Views() {}

    /** {@code POST /auth/tokens}. */
    record Token(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn,
            String scope) {}

    record AccountView(String id, String accountNo, String userID, Status status, String createdWhen) {

        static AccountView of(Account account) {
            return new AccountView(
                    account.id(),
                    account.accountNo(),
                    account.userID(),
                    new Status(Account.OPEN),
                    account.createdWhen().toString());
        }
    }

    record Status(String name) {}

    /**
     * {@code GET /accounts/{id}/summary/money}: every amount a decimal string with 2 places. The cash
     * available for trade and for withdrawal is the balance less what open buy orders hold back.
     */
    record MoneySummary(String accountID, String accountNo, Cash cash) {

        static MoneySummary of(Account account, BigDecimal cash, BigDecimal available) {
            String balance = cash.setScale(2).toPlainString();
            String free = available.setScale(2).toPlainString();
            return new MoneySummary(account.id(), account.accountNo(), new Cash(balance, free, free));
        }
    }

    /** {@code GET /accounts/{id}/summary/positions}. */
    record PositionsSummary(String accountID, String accountNo, List<EquityPosition> equityPositions) {}

    /** One position: quantity, average entry price, market value at the current price (JSON numbers). */
    record EquityPosition(
            String symbol, BigDecimal openQty, BigDecimal avgPrice, BigDecimal marketValue, BigDecimal costBasis) {

        static EquityPosition of(Position position, BigDecimal price) {
            return new EquityPosition(
                    position.instrument().symbol(),
                    Order.quantity(position.quantity()),
                    Order.price(position.averageEntryPrice()),
                    position.marketValue(price),
                    position.costBasis());
        }
    }

    record Cash(String cashBalance, String cashAvailableForTrade, String cashAvailableForWithdrawal) {}

    /** A deposit or redemption; {@code note} and {@code statusComment} only when there is one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FundingView(
            String id,
            String accountNo,
            String amount,
            String currency,
            String type,
            String note,
            Event.Status status,
            String statusComment,
            String timestamp) {

        static FundingView of(Funding funding) {
            return new FundingView(
                    funding.id(),
                    funding.accountNo(),
                    funding.amountText(),
                    funding.currency(),
                    funding.type(),
                    funding.note(),
                    Event.Status.of(funding),
                    funding.statusComment(),
                    funding.timestamp().toString());
        }
    }
}
