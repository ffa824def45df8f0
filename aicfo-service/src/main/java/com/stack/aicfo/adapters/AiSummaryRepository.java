package com.stack.aicfo.adapters;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import com.stack.aicfo.domain.AiSummary;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
public class AiSummaryRepository {

    private final DatabaseClient db;

    public AiSummaryRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The user's summary of the most recent week; empty when there is none yet. */
    public Mono<AiSummary> findLatestForUser(UUID userId) {
        return db.sql("SELECT id, user_id, week_start_date, summary_markdown, generated_at FROM ai_summaries"
                        + " WHERE user_id = :user ORDER BY week_start_date DESC LIMIT 1")
                .bind("user", userId)
                .map(row -> new AiSummary(row.get("id", UUID.class), row.get("user_id", UUID.class),
                        row.get("week_start_date", LocalDate.class), row.get("summary_markdown", String.class),
                        row.get("generated_at", OffsetDateTime.class).toInstant()))
                .one();
    }
}
