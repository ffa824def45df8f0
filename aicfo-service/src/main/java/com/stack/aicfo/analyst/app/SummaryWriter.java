package com.stack.aicfo.analyst.app;

import com.stack.aicfo.analyst.app.ports.Analyst;
import com.stack.aicfo.facts.domain.SummaryFacts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * A summary's markdown from its facts, every figure in it checked: the configured analyst is asked, its answer made
 * phone-safe ({@link PhoneSafeMarkdown}) and checked against the facts ({@link FigureCheck}); an answer with a figure
 * the facts do not have, an error or a timeout is asked again, up to {@code maxAttempts} answers, and then the local
 * analyst writes it (checked too). A model's failure never fails the summary. Counted in {@value #METRIC}
 * by {@code analyst} and {@code outcome} ({@code accepted}, {@code refused}, {@code failed}, {@code fell_back}).
 */
public class SummaryWriter {

    public static final String METRIC = "stack.aicfo.summaries";

    private static final Logger log = LoggerFactory.getLogger(SummaryWriter.class);

    /**
     * The checked markdown.
     *
     * @param markdown the summary, phone-safe, every figure one of the facts
     * @param analyst  the analyst that wrote it ({@code local} after a fallback)
     * @param attempts the answers the configured analyst was asked for (the local fallback not counted)
     * @param fellBack whether the configured analyst's answers were all refused or failed, so the local one wrote it
     */
    public record Written(String markdown, String analyst, int attempts, boolean fellBack) {}

    private final Analyst analyst;
    private final LocalAnalyst local;
    private final int maxAttempts;
    private final MeterRegistry meters;

    /**
     * @param analyst     the configured analyst (may be {@code local} itself)
     * @param maxAttempts answers asked of the configured analyst before falling back (at least 1)
     */
    public SummaryWriter(Analyst analyst, LocalAnalyst local, int maxAttempts, MeterRegistry meters) {
        this.analyst = analyst;
        this.local = local;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.meters = meters;
    }

    public Mono<Written> write(SummaryFacts facts) {
        FigureCheck check = FigureCheck.of(facts);
        if (analyst == local || LocalAnalyst.NAME.equals(analyst.name())) {
            return local(facts, check, 1, false);
        }
        return attempt(facts, check, 1);
    }

    private Mono<Written> attempt(SummaryFacts facts, FigureCheck check, int attempt) {
        return Mono.defer(() -> analyst.write(facts, attempt))
                .map(PhoneSafeMarkdown::of)
                .map(markdown -> new Answer(markdown, check.check(markdown), null))
                .switchIfEmpty(Mono.fromSupplier(() -> new Answer(null, null, "an empty answer")))
                .onErrorResume(e -> Mono.just(new Answer(null, null, e.toString())))
                .flatMap(answer -> {
                    if (answer.result() != null && answer.result().accepted()) {
                        count(analyst.name(), "accepted");
                        return Mono.just(new Written(answer.markdown(), analyst.name(), attempt, false));
                    }
                    if (answer.result() != null) {
                        count(analyst.name(), "refused");
                        log.warn(
                                "Analyst {} answer {} of {} refused: it states {}, which is not in the facts",
                                analyst.name(),
                                attempt,
                                maxAttempts,
                                answer.result().offending());
                    } else {
                        count(analyst.name(), "failed");
                        log.warn(
                                "Analyst {} answer {} of {} failed: {}",
                                analyst.name(),
                                attempt,
                                maxAttempts,
                                answer.failure());
                    }
                    if (attempt < maxAttempts) {
                        return attempt(facts, check, attempt + 1);
                    }
                    count(analyst.name(), "fell_back");
                    return local(facts, check, attempt, true);
                });
    }

    private Mono<Written> local(SummaryFacts facts, FigureCheck check, int attempts, boolean fellBack) {
        return local.write(facts, 1).map(PhoneSafeMarkdown::of).map(markdown -> {
            FigureCheck.Result result = check.check(markdown);
            if (!result.accepted()) {
                // the templates state the facts as they are: this is a bug in them, not a model's mistake
                throw new IllegalStateException(
                        "The local analyst wrote " + result.offending() + ", which is not in the facts");
            }
            count(LocalAnalyst.NAME, "accepted");
            return new Written(markdown, LocalAnalyst.NAME, attempts, fellBack);
        });
    }

    private void count(String analystName, String outcome) {
        Counter.builder(METRIC)
                .tag("analyst", analystName)
                .tag("outcome", outcome)
                .description("Summaries written, by analyst and outcome")
                .register(meters)
                .increment();
    }

    private record Answer(String markdown, FigureCheck.Result result, String failure) {}
}
