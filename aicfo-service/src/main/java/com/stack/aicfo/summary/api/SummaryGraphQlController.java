package com.stack.aicfo.summary.api;

import java.time.format.DateTimeFormatter;
import java.util.List;

import com.stack.aicfo.summary.app.Summaries;
import com.stack.aicfo.summary.domain.AiSummary;
import com.stack.defaults.graphql.Connection;
import com.stack.defaults.graphql.Ids;
import com.stack.defaults.graphql.UserReference;
import com.stack.defaults.security.CallerResolver;
import org.springframework.graphql.data.federation.EntityMapping;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** The user's AI CFO summaries and analyses ({@code User.latestSummary}, {@code User.summaries}) and their fields. */
@Controller
public class SummaryGraphQlController {

    private final Summaries summaries;

    public SummaryGraphQlController(Summaries summaries) {
        this.summaries = summaries;
    }

    /**
     * Batched entity resolution for the gateway, in the order asked. The user lives in onboarding,
     * so there is nothing to look up here; each field below checks that the caller is that user.
     */
    @EntityMapping
    public List<UserReference> user(@Argument List<String> idList) {
        return idList.stream()
                .map(id -> new UserReference(Ids.parseOrNotFound("User", id)))
                .toList();
    }

    @SchemaMapping(typeName = "User")
    public Mono<AiSummary> latestSummary(UserReference user) {
        return CallerResolver.requireSelf(user.id()).flatMap(summaries::latest);
    }

    /** The user's summaries and analyses, newest first; only the caller's own. */
    @SchemaMapping(typeName = "User")
    public Mono<Connection<AiSummary>> summaries(UserReference user, @Argument Integer first, @Argument String after) {
        return CallerResolver.requireSelf(user.id()).flatMap(caller -> summaries.page(caller, first, after));
    }

    /** The week as an ISO-8601 date ("2026-11-16"), as the contract's String field promises. */
    @SchemaMapping(typeName = "AiSummary")
    public String weekStartDate(AiSummary summary) {
        return DateTimeFormatter.ISO_LOCAL_DATE.format(summary.weekStartDate());
    }
}
