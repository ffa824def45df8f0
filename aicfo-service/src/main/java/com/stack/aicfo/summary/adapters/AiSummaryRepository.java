package com.stack.aicfo.summary.adapters;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;

import com.stack.aicfo.facts.domain.SummaryFacts;
import com.stack.aicfo.summary.app.ports.AiSummaries;
import com.stack.aicfo.summary.app.ports.AiSummaries.Provenance;
import com.stack.aicfo.summary.domain.AiSummary;
import com.stack.defaults.graphql.KeysetCursor;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The summaries and analyses, each stored with the facts it was written from and how it was written. */
@Repository
public class AiSummaryRepository implements AiSummaries {

    private static final String COLUMNS = "id, user_id, kind, week_start_date, summary_markdown, generated_at";

    private final DatabaseClient db;

    public AiSummaryRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Stores the summary; a weekly summary of a user and week already stored is not stored again (the partial unique
     * index) and the answer is empty. The facts are stored as {@link FactsJson}.
     */
    @Override
    public Mono<AiSummary> insert(AiSummary summary, Provenance provenance) {
        return Mono.fromCallable(() -> FactsJson.write(provenance.facts()))
                .flatMap(factsJson -> insert(summary, provenance, factsJson));
    }

    private Mono<AiSummary> insert(AiSummary summary, Provenance provenance, String factsJson) {
        return db.sql("INSERT INTO ai_summaries (id, user_id, kind, week_start_date, summary_markdown, generated_at,"
                        + " facts_json, analyst, attempts, fell_back) VALUES (:id, :user, :kind, :week, :markdown,"
                        + " :generatedAt, CAST(:facts AS jsonb), :analyst, :attempts, :fellBack)"
                        + " ON CONFLICT (user_id, week_start_date) WHERE kind = 'weekly' DO NOTHING RETURNING "
                        + COLUMNS)
                .bind("id", summary.id())
                .bind("user", summary.userId())
                .bind("kind", kindColumn(summary.kind()))
                .bind("week", summary.weekStartDate())
                .bind("markdown", summary.summaryMarkdown())
                .bind("generatedAt", OffsetDateTime.ofInstant(summary.generatedAt(), ZoneOffset.UTC))
                .bind("facts", factsJson)
                .bind("analyst", provenance.analyst())
                .bind("attempts", provenance.attempts())
                .bind("fellBack", provenance.fellBack())
                .map(AiSummaryRepository::summary)
                .one();
    }

    /**
     * The user's latest summary of either kind: of the most recent week, the one generated last (a week's weekly
     * summary is written after the week, so it follows the analyses asked for during it); empty when there is none.
     */
    @Override
    public Mono<AiSummary> findLatestForUser(UUID userId) {
        return db.sql("SELECT " + COLUMNS + " FROM ai_summaries WHERE user_id = :user"
                        + " ORDER BY week_start_date DESC, generated_at DESC, id DESC LIMIT 1")
                .bind("user", userId)
                .map(AiSummaryRepository::summary)
                .one();
    }

    /** The user's summary of that id; empty when there is none (or it is another user's). */
    @Override
    public Mono<AiSummary> findForUser(UUID summaryId, UUID userId) {
        return db.sql("SELECT " + COLUMNS + " FROM ai_summaries WHERE id = :id AND user_id = :user")
                .bind("id", summaryId)
                .bind("user", userId)
                .map(AiSummaryRepository::summary)
                .one();
    }

    /** Up to {@code limit} of the user's summaries generated before the cursor's (from the newest when null), newest first. */
    @Override
    public Flux<AiSummary> findPageForUser(UUID userId, KeysetCursor after, int limit) {
        var spec = db.sql("SELECT " + COLUMNS + " FROM ai_summaries WHERE user_id = :user"
                        + (after == null ? "" : " AND (generated_at, id) < (:afterGeneratedAt, :afterId)")
                        + " ORDER BY generated_at DESC, id DESC LIMIT :limit")
                .bind("user", userId)
                .bind("limit", limit);
        if (after != null) {
            spec = spec.bind("afterGeneratedAt", after.createdAt().atOffset(ZoneOffset.UTC))
                    .bind("afterId", after.id());
        }
        return spec.map(AiSummaryRepository::summary).all();
    }

    /** The facts a summary was written from, as stored (JSON); empty when it has none (stored before facts were kept). */
    public Mono<String> factsJson(UUID summaryId) {
        return db.sql("SELECT facts_json::text AS facts FROM ai_summaries WHERE id = :id AND facts_json IS NOT NULL")
                .bind("id", summaryId)
                .map(row -> row.get("facts", String.class))
                .one();
    }

    static String kindColumn(SummaryFacts.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static AiSummary summary(Readable row) {
        return new AiSummary(
                row.get("id", UUID.class),
                row.get("user_id", UUID.class),
                SummaryFacts.Kind.valueOf(row.get("kind", String.class).toUpperCase(Locale.ROOT)),
                row.get("week_start_date", LocalDate.class),
                row.get("summary_markdown", String.class),
                row.get("generated_at", OffsetDateTime.class).toInstant());
    }
}
