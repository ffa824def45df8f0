package com.stack.investing.adapters;

import java.math.BigDecimal;
import java.util.UUID;

import com.stack.investing.domain.CashBalance;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The brokerage account's cash snapshot ({@code account_cash}). */
@Repository
public class CashBalanceRepository {

    private final DatabaseClient db;

    public CashBalanceRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The user's cash snapshot; empty when the brokerage has reported none yet. */
    public Mono<CashBalance> findForUser(UUID userId) {
        return db.sql("SELECT cash_usd, day_change_usd FROM account_cash WHERE user_id = :user")
                .bind("user", userId)
                .map(row -> new CashBalance(row.get("cash_usd", BigDecimal.class), row.get("day_change_usd", BigDecimal.class)))
                .one();
    }
}
