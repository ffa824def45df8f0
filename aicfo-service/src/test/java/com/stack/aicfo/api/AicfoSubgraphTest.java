package com.stack.aicfo.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.stack.aicfo.AicfoApplication;
import com.stack.testsupport.SubgraphIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(classes = AicfoApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=aicfo-service")
class AicfoSubgraphTest extends SubgraphIntegrationTest {

    static final String LATEST_SUMMARY = """
            query($user: _Any!) {
              _entities(representations: [$user]) {
                ... on User { id latestSummary { id weekStartDate summaryMarkdown generatedAt } }
              }
            }""";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registerService(registry, "stack_aicfo_test");
    }

    @Autowired
    DatabaseClient db;

    @Test
    void servesItsFederationSdlWithoutQueryFieldsOfItsOwn() {
        String sdl = asGateway().document("{ _service { sdl } }").execute().path("_service.sdl").entity(String.class).get();
        assertThat(sdl).contains("type User @key").contains("latestSummary: AiSummary").contains("federation/v2.5")
                .contains("requestPortfolioAnalysis: AiSummary!");
        // the SDL declares no Query type: federation-jvm adds one, holding only the federation fields
        List<String> queryFields = asGateway().document("{ __schema { queryType { fields { name } } } }").execute()
                .path("__schema.queryType.fields[*].name").entityList(String.class).get();
        assertThat(queryFields).containsExactlyInAnyOrder("_service", "_entities");
    }

    @Test
    void latestSummaryIsTheMostRecentWeek() {
        String subject = newSubject();
        UUID me = userIdOf(subject);
        insertSummary(me, LocalDate.of(2026, 11, 9), "# Week of 9 November", Instant.parse("2026-11-16T06:00:00Z"));
        UUID newest = insertSummary(me, LocalDate.of(2026, 11, 16), "# Week of 16 November\nYou saved **$120**.",
                Instant.parse("2026-11-22T06:00:00Z"));
        // generated later, but for an earlier week: the week decides
        insertSummary(me, LocalDate.of(2026, 11, 2), "# Week of 2 November (regenerated)", Instant.parse("2026-11-22T07:00:00Z"));
        insertSummary(userIdOf(newSubject()), LocalDate.of(2026, 11, 23), "# Someone else's", Instant.now());

        as(subject).document(LATEST_SUMMARY).variable("user", userRepresentation(me)).execute()
                .path("_entities[0].id").entity(UUID.class).isEqualTo(me)
                .path("_entities[0].latestSummary.id").entity(UUID.class).isEqualTo(newest)
                .path("_entities[0].latestSummary.weekStartDate").entity(String.class).isEqualTo("2026-11-16")
                .path("_entities[0].latestSummary.summaryMarkdown").entity(String.class)
                .isEqualTo("# Week of 16 November\nYou saved **$120**.")
                .path("_entities[0].latestSummary.generatedAt").entity(String.class).isEqualTo("2026-11-22T06:00:00Z");
    }

    @Test
    void latestSummaryIsNullBeforeTheFirstOne() {
        String subject = newSubject();
        as(subject).document(LATEST_SUMMARY).variable("user", userRepresentation(userIdOf(subject))).execute()
                .path("_entities[0].latestSummary").valueIsNull();
    }

    @Test
    void anotherUsersSummaryIsForbidden() {
        UUID someoneElse = userIdOf(newSubject());
        insertSummary(someoneElse, LocalDate.of(2026, 11, 16), "# Private", Instant.now());
        as(newSubject()).document(LATEST_SUMMARY).variable("user", userRepresentation(someoneElse)).execute().errors()
                .expect(errorWithCode("FORBIDDEN")).verify();
    }

    @Test
    void latestSummaryNeedsACallerNotTheGateway() {
        asGateway().document(LATEST_SUMMARY).variable("user", userRepresentation(UUID.randomUUID())).execute().errors()
                .expect(errorWithCode("UNAUTHENTICATED")).verify();
    }

    UUID insertSummary(UUID userId, LocalDate weekStart, String markdown, Instant generatedAt) {
        UUID id = UUID.randomUUID();
        assertThat(db.sql("INSERT INTO ai_summaries (id, user_id, week_start_date, summary_markdown, generated_at)"
                        + " VALUES (:id, :user, :week, :markdown, :generatedAt)")
                .bind("id", id).bind("user", userId).bind("week", weekStart).bind("markdown", markdown)
                .bind("generatedAt", OffsetDateTime.ofInstant(generatedAt, ZoneOffset.UTC))
                .fetch().rowsUpdated().block(Duration.ofSeconds(10))).isEqualTo(1L);
        return id;
    }
}
