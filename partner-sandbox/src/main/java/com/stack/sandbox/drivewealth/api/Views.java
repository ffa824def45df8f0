package com.stack.sandbox.drivewealth.api;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.stack.sandbox.drivewealth.domain.Account;
import com.stack.sandbox.drivewealth.domain.Event;
import com.stack.sandbox.drivewealth.domain.Funding;

/** The JSON answers of the DriveWealth emulation. */
final class Views {

    private Views() {
    }

    /** {@code POST /auth/tokens}. */
    record Token(@JsonProperty("access_token") String accessToken, @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn, String scope) {
    }

    record AccountView(String id, String accountNo, String userID, Status status, String createdWhen) {

        static AccountView of(Account account) {
            return new AccountView(account.id(), account.accountNo(), account.userID(), new Status(Account.OPEN),
                    account.createdWhen().toString());
        }
    }

    record Status(String name) {
    }

    /** {@code GET /accounts/{id}/summary/money}: every amount a decimal string with 2 places. */
    record MoneySummary(String accountID, String accountNo, Cash cash) {

        static MoneySummary of(Account account, BigDecimal cash) {
            String amount = cash.setScale(2).toPlainString();
            return new MoneySummary(account.id(), account.accountNo(), new Cash(amount, amount, amount));
        }
    }

    record Cash(String cashBalance, String cashAvailableForTrade, String cashAvailableForWithdrawal) {
    }

    /** A deposit or redemption; {@code note} and {@code statusComment} only when there is one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FundingView(String id, String accountNo, String amount, String currency, String type, String note, Event.Status status,
            String statusComment, String timestamp) {

        static FundingView of(Funding funding) {
            return new FundingView(funding.id(), funding.accountNo(), funding.amountText(), funding.currency(), funding.type(),
                    funding.note(), Event.Status.of(funding), funding.statusComment(), funding.timestamp().toString());
        }
    }
}
