package com.stack.aicfo.analyst.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.stack.aicfo.analyst.app.ports.Analyst;
import com.stack.aicfo.facts.domain.SummaryFacts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The writer's rules with scripted analysts (the real model adapter is tested against the sandbox): accept a checked
 * answer, ask again after a refusal or an error, fall back to the local analyst, make it phone-safe, count it all.
 */
class SummaryWriterTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final SummaryFacts facts = Facts.week();

    /** An analyst that answers attempt n with the n-th script entry (the last one repeated). */
    static final class Scripted implements Analyst {

        final List<Function<SummaryFacts, Mono<String>>> answers;
        final List<Integer> attempts = new ArrayList<>();

        @SafeVarargs
        Scripted(Function<SummaryFacts, Mono<String>>... answers) {
            this.answers = List.of(answers);
        }

        @Override
        public String name() {
            return "openai";
        }

        @Override
        public Mono<String> write(SummaryFacts facts, int attempt) {
            attempts.add(attempt);
            return answers.get(Math.min(attempt, answers.size()) - 1).apply(facts);
        }
    }

    double counted(String analyst, String outcome) {
        Counter counter = meters.find(SummaryWriter.METRIC)
                .tag("analyst", analyst)
                .tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    SummaryWriter.Written write(Analyst analyst, int maxAttempts) {
        return new SummaryWriter(analyst, new LocalAnalyst(), maxAttempts, meters)
                .write(facts)
                .block(WAIT);
    }

    @Test
    void theLocalAnalystConfiguredWritesOnceAndIsNoFallback() {
        LocalAnalyst local = new LocalAnalyst();
        SummaryWriter.Written written =
                new SummaryWriter(local, local, 2, meters).write(facts).block(WAIT);

        assertThat(written).isEqualTo(new SummaryWriter.Written(local.markdown(facts), "local", 1, false));
        assertThat(counted("local", "accepted")).isEqualTo(1);
    }

    @Test
    void aTrueAnswerIsAcceptedAtOnce() {
        Scripted model = new Scripted(f -> Mono.just("## Week\n\nYou made 2 deposits, $1,500.00 in all.\n"));

        SummaryWriter.Written written = write(model, 2);

        assertThat(written)
                .isEqualTo(new SummaryWriter.Written(
                        "## Week\n\nYou made 2 deposits, $1,500.00 in all.\n", "openai", 1, false));
        assertThat(model.attempts).containsExactly(1);
        assertThat(counted("openai", "accepted")).isEqualTo(1);
    }

    @Test
    void aRefusedAnswerIsAskedAgainWithItsAttemptNumber() {
        Scripted model = new Scripted(f -> Mono.just("You made 7 deposits."), f -> Mono.just("You made 2 deposits."));

        SummaryWriter.Written written = write(model, 3);

        assertThat(written.markdown()).isEqualTo("You made 2 deposits.\n");
        assertThat(written.attempts()).isEqualTo(2);
        assertThat(model.attempts).containsExactly(1, 2);
        assertThat(counted("openai", "refused")).isEqualTo(1);
        assertThat(counted("openai", "accepted")).isEqualTo(1);
    }

    @Test
    void refusalsUpToTheLimitFallBackToTheLocalAnalyst() {
        Scripted model = new Scripted(f -> Mono.just("Your portfolio grew 12% this year."));

        SummaryWriter.Written written = write(model, 3);

        assertThat(written).isEqualTo(new SummaryWriter.Written(new LocalAnalyst().markdown(facts), "local", 3, true));
        assertThat(model.attempts).containsExactly(1, 2, 3);
        assertThat(counted("openai", "refused")).isEqualTo(3);
        assertThat(counted("openai", "fell_back")).isEqualTo(1);
        assertThat(counted("local", "accepted")).isEqualTo(1);
    }

    @Test
    void errorsAndEmptyAnswersNeverFailTheSummary() {
        Scripted model =
                new Scripted(f -> Mono.error(new IllegalStateException("connection reset")), f -> Mono.empty());

        SummaryWriter.Written written = write(model, 2);

        assertThat(written.fellBack()).isTrue();
        assertThat(written.analyst()).isEqualTo("local");
        assertThat(counted("openai", "failed")).isEqualTo(2);
    }

    @Test
    void anAnalystThatThrowsInsteadOfErroringIsAFailureToo() {
        AtomicInteger calls = new AtomicInteger();
        Analyst throwing = new Analyst() {
            @Override
            public String name() {
                return "openai";
            }

            @Override
            public Mono<String> write(SummaryFacts facts, int attempt) {
                calls.incrementAndGet();
                throw new IllegalArgumentException("bad prompt");
            }
        };

        assertThat(write(throwing, 2).fellBack()).isTrue();
        assertThat(calls).hasValue(2);
    }

    @Test
    void theAnswerIsMadePhoneSafeBeforeItIsCheckedAndReturned() {
        String answer = "## Week <b>2</b>\n\nSee [details](https://x.example/2026-12-31) & 2 deposits.\n";
        SummaryWriter.Written written = write(new Scripted(f -> Mono.just(answer)), 1);

        assertThat(written.markdown())
                .isEqualTo(PhoneSafeMarkdown.of(answer))
                .isEqualTo("## Week &lt;b&gt;2&lt;/b&gt;\n\nSee details &amp; 2 deposits.\n");
        assertThat(written.fellBack()).isFalse();
    }

    @Test
    void aFigureHiddenInAnEntityIsStillRefused() {
        SummaryWriter.Written written = write(new Scripted(f -> Mono.just("You have &#36;999 more.")), 1);

        assertThat(written.fellBack()).isTrue();
    }
}
