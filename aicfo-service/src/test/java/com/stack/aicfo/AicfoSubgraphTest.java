package com.stack.aicfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

class AicfoSubgraphTest extends AicfoServiceTest {

    static final String LATEST_SUMMARY = """
            query($user: _Any!) {
              _entities(representations: [$user]) {
                ... on User { id latestSummary { id kind weekStartDate summaryMarkdown generatedAt } }
              }
            }""";

    @Autowired
    DatabaseClient db;

    @Test
    void servesItsFederationSdlWithoutQueryFieldsOfItsOwn() {
        String sdl = asGateway()
                .document("{ _service { sdl } }")
                .execute()
                .path("_service.sdl")
                .entity(String.class)
                .get();
        assertThat(sdl)
                .contains("type User @key")
                .contains("latestSummary: AiSummary")
                .contains("federation/v2.5")
                .contains("requestPortfolioAnalysis: AiSummary!")
                .contains("summaries(after: String, first: Int = 20): AiSummaryConnection!")
                .contains("kind: AiSummaryKind!");
        // the SDL declares no Query type: federation-jvm adds one, holding only the federation fields
        List<String> queryFields = asGateway()
                .document("{ __schema { queryType { fields { name } } } }")
                .execute()
                .path("__schema.queryType.fields[*].name")
                .entityList(String.class)
                .get();
        assertThat(queryFields).containsExactlyInAnyOrder("_service", "_entities");
    }

    @Test
    void latestSummaryIsTheMostRecentWeek() {
        String subject = newSubject();
        UUID me = userIdOf(subject);
        insertSummary(me, LocalDate.of(2026, 11, 9), "# Week of 9 November", Instant.parse("2026-11-16T06:00:00Z"));
        UUID newest = insertSummary(
                me,
                LocalDate.of(2026, 11, 16),
                "# Week of 16 November\nYou saved **$120**.",
                Instant.parse("2026-11-22T06:00:00Z"));
        // generated later, but for an earlier week: the week decides
        insertSummary(
                me,
                LocalDate.of(2026, 11, 2),
                "# Week of 2 November (regenerated)",
                Instant.parse("2026-11-22T07:00:00Z"));
        insertSummary(userIdOf(newSubject()), LocalDate.of(2026, 11, 23), "# Someone else's", Instant.now());

        as(subject)
                .document(LATEST_SUMMARY)
                .variable("user", userRepresentation(me))
                .execute()
                .path("_entities[0].id")
                .entity(UUID.class)
                .isEqualTo(me)
                .path("_entities[0].latestSummary.id")
                .entity(UUID.class)
                .isEqualTo(newest)
                .path("_entities[0].latestSummary.kind")
                .entity(String.class)
                .isEqualTo("WEEKLY")
                .path("_entities[0].latestSummary.weekStartDate")
                .entity(String.class)
                .isEqualTo("2026-11-16")
                .path("_entities[0].latestSummary.summaryMarkdown")
                .entity(String.class)
                .isEqualTo("# Week of 16 November\nYou saved **$120**.")
                .path("_entities[0].latestSummary.generatedAt")
                .entity(String.class)
                .isEqualTo("2026-11-22T06:00:00Z");
    }

    @Test
    void latestSummaryIsNullBeforeTheFirstOne() {
        String subject = newSubject();
        as(subject)
                .document(LATEST_SUMMARY)
                .variable("user", userRepresentation(userIdOf(subject)))
                .execute()
                .path("_entities[0].latestSummary")
                .valueIsNull();
    }

    @Test
    void anotherUsersSummaryIsForbidden() {
        UUID someoneElse = userIdOf(newSubject());
        insertSummary(someoneElse, LocalDate.of(2026, 11, 16), "# Private", Instant.now());
        as(newSubject())
                .document(LATEST_SUMMARY)
                .variable("user", userRepresentation(someoneElse))
                .execute()
                .errors()
                .expect(errorWithCode("FORBIDDEN"))
                .verify();
    }

    @Test
    void latestSummaryNeedsACallerNotTheGateway() {
        asGateway()
                .document(LATEST_SUMMARY)
                .variable("user", userRepresentation(UUID.randomUUID()))
                .execute()
                .errors()
                .expect(errorWithCode("UNAUTHENTICATED"))
                .verify();
    }

    static final String SUMMARIES = """
            query($user: _Any!, $first: Int, $after: String) {
              _entities(representations: [$user]) {
                ... on User { summaries(first: $first, after: $after) {
                  edges { cursor node { id kind weekStartDate summaryMarkdown } } pageInfo { hasNextPage endCursor } } }
              }
            }""";

    @Test
    void anAnalysisOfTheLatestWeekIsTheLatestSummary() {
        String subject = newSubject();
        UUID me = userIdOf(subject);
        insertSummary(me, LocalDate.of(2026, 11, 16), "# Week of 16 November", Instant.parse("2026-11-23T06:00:00Z"));
        UUID analysis = insertSummary(
                me, "on_demand", LocalDate.of(2026, 11, 23), "# Today", Instant.parse("2026-11-24T09:00:00Z"));

        as(subject)
                .document(LATEST_SUMMARY)
                .variable("user", userRepresentation(me))
                .execute()
                .path("_entities[0].latestSummary.id")
                .entity(UUID.class)
                .isEqualTo(analysis)
                .path("_entities[0].latestSummary.kind")
                .entity(String.class)
                .isEqualTo("ON_DEMAND")
                .path("_entities[0].latestSummary.weekStartDate")
                .entity(String.class)
                .isEqualTo("2026-11-23");
    }

    @Test
    void summariesArePagedNewestFirstAndOnlyTheCallers() {
        String subject = newSubject();
        UUID me = userIdOf(subject);
        UUID first =
                insertSummary(me, LocalDate.of(2026, 11, 2), "# 2 November", Instant.parse("2026-11-09T06:00:00Z"));
        UUID second = insertSummary(
                me, "on_demand", LocalDate.of(2026, 11, 9), "# Analysis", Instant.parse("2026-11-11T12:00:00Z"));
        UUID third =
                insertSummary(me, LocalDate.of(2026, 11, 9), "# 9 November", Instant.parse("2026-11-16T06:00:00Z"));
        insertSummary(
                userIdOf(newSubject()),
                LocalDate.of(2026, 11, 9),
                "# Someone else's",
                Instant.parse("2026-11-16T06:00:00Z"));

        var page = as(subject)
                .document(SUMMARIES)
                .variable("user", userRepresentation(me))
                .variable("first", 2)
                .execute();
        page.path("_entities[0].summaries.edges[*].node.id")
                .entityList(UUID.class)
                .containsExactly(third, second)
                .path("_entities[0].summaries.edges[*].node.kind")
                .entityList(String.class)
                .containsExactly("WEEKLY", "ON_DEMAND")
                .path("_entities[0].summaries.pageInfo.hasNextPage")
                .entity(Boolean.class)
                .isEqualTo(true);
        String cursor = page.path("_entities[0].summaries.pageInfo.endCursor")
                .entity(String.class)
                .get();
        as(subject)
                .document(SUMMARIES)
                .variable("user", userRepresentation(me))
                .variable("first", 2)
                .variable("after", cursor)
                .execute()
                .path("_entities[0].summaries.edges[*].node.id")
                .entityList(UUID.class)
                .containsExactly(first)
                .path("_entities[0].summaries.pageInfo.hasNextPage")
                .entity(Boolean.class)
                .isEqualTo(false);
    }

    @Test
    void anotherUsersSummariesAreForbidden() {
        UUID someoneElse = userIdOf(newSubject());
        insertSummary(someoneElse, LocalDate.of(2026, 11, 16), "# Private", Instant.now());
        as(newSubject())
                .document(SUMMARIES)
                .variable("user", userRepresentation(someoneElse))
                .execute()
                .errors()
                .expect(errorWithCode("FORBIDDEN"))
                .verify();
    }

    @Test
    void aBadPageIsBadInput() {
        String subject = newSubject();
        as(subject)
                .document(SUMMARIES)
                .variable("user", userRepresentation(userIdOf(subject)))
                .variable("first", 500)
                .execute()
                .errors()
                .expect(errorWithCode("BAD_USER_INPUT"))
                .verify();
    }

    UUID insertSummary(UUID userId, LocalDate weekStart, String markdown, Instant generatedAt) {
        return insertSummary(userId, "weekly", weekStart, markdown, generatedAt);
    }

    UUID insertSummary(UUID userId, String kind, LocalDate weekStart, String markdown, Instant generatedAt) {
        UUID id = UUID.randomUUID();
        assertThat(db.sql(
                                "INSERT INTO ai_summaries (id, user_id, kind, week_start_date, summary_markdown, generated_at)"
                                        + " VALUES (:id, :user, :kind, :week, :markdown, :generatedAt)")
                        .bind("id", id)
                        .bind("user", userId)
                        .bind("kind", kind)
                        .bind("week", weekStart)
                        .bind("markdown", markdown)
                        .bind("generatedAt", OffsetDateTime.ofInstant(generatedAt, ZoneOffset.UTC))
                        .fetch()
                        .rowsUpdated()
                        .block(Duration.ofSeconds(10)))
                .isEqualTo(1L);
        return id;
    }
}
