package com.stack.funding.adapters;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

import com.stack.funding.domain.LedgerAccountKind;
import com.stack.funding.domain.LedgerTotals;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
public class LedgerRepository {

    private static final String USD = "USD";

    private final DatabaseClient db;

    public LedgerRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * The sums of the user's USD accounts by kind, in one query. An aggregate without GROUP BY always
     * yields one row, so a user without entries gets zeros and no last entry.
     */
    public Mono<LedgerTotals> totalsForUser(UUID userId) {
        return db.sql("""
                        SELECT COALESCE(SUM(e.amount) FILTER (WHERE a.kind = :buyingPower), 0)        AS buying_power,
                               COALESCE(SUM(e.amount) FILTER (WHERE a.kind = :pendingDeposit), 0)     AS pending_deposits,
                               COALESCE(SUM(e.amount) FILTER (WHERE a.kind = :pendingWithdrawal), 0)  AS pending_withdrawals,
                               MAX(e.created_at)                                                      AS last_entry_at
                        FROM ledger_accounts a
                        JOIN ledger_entries e ON e.account_id = a.id
                        WHERE a.user_id = :user AND a.currency = :currency""")
                .bind("buyingPower", LedgerAccountKind.USER_BUYING_POWER.column())
                .bind("pendingDeposit", LedgerAccountKind.USER_PENDING_DEPOSIT.column())
                .bind("pendingWithdrawal", LedgerAccountKind.USER_PENDING_WITHDRAWAL.column())
                .bind("user", userId)
                .bind("currency", USD)
                .map(row -> {
                    OffsetDateTime last = row.get("last_entry_at", OffsetDateTime.class);
                    return new LedgerTotals(row.get("buying_power", BigDecimal.class),
                            row.get("pending_deposits", BigDecimal.class), row.get("pending_withdrawals", BigDecimal.class),
                            last == null ? null : last.toInstant());
                })
                .one();
    }
}
