package com.stack.sandbox.due.app;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import com.stack.sandbox.due.config.DueSandboxProperties;
import com.stack.sandbox.due.domain.DueException;
import com.stack.sandbox.due.domain.NewQuote;
import com.stack.sandbox.due.domain.Quote;
import com.stack.sandbox.partners.SandboxIds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Due's quotes: priced at the sandbox's rate and fee, valid for {@code quote-ttl}, good for one
 * transfer. A used or expired quote stays known (so a transfer naming it is told why it is refused).
 */
@Service
public class Quotes {

    private final Map<String, Entry> quotes = new ConcurrentHashMap<>();
    private final DueSandboxProperties properties;
    private final Clock clock;

    @Autowired
    public Quotes(DueSandboxProperties properties) {
        this(properties, Clock.systemUTC());
    }

    Quotes(DueSandboxProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    public Quote quote(NewQuote request) {
        Quote quote = request.priced(SandboxIds.prefixed("qt_"), properties.fee(), now(), properties.quoteTtl());
        quotes.put(quote.token(), new Entry(quote, null));
        return quote;
    }

    /**
     * Takes the quote for the transfer {@code transferId}: once only, and only before it expires, and
     * only when {@code check} (the transfer's own checks against the quote) passes; a refusal leaves
     * the quote as it was.
     *
     * @throws DueException 404 for an unknown quote, 400 {@code quote_expired} or {@code quote_used},
     *                      or what {@code check} throws
     */
    Quote use(String token, String transferId, Consumer<Quote> check) {
        Instant now = now();
        Entry used = quotes.compute(token, (key, entry) -> {
            if (entry == null) {
                throw DueException.notFound("No quote " + token);
            }
            if (entry.usedBy() != null) {
                throw DueException.quoteUsed(token);
            }
            if (entry.quote().expiredAt(now)) {
                throw DueException.quoteExpired(token);
            }
            check.accept(entry.quote());
            return new Entry(entry.quote(), transferId);
        });
        return used.quote();
    }

    /** Makes the quote expire now (a test need not wait for {@code quote-ttl}); empty for an unknown quote. */
    public Optional<Quote> expire(String token) {
        Instant now = now();
        return Optional.ofNullable(quotes.computeIfPresent(
                        token, (key, entry) -> new Entry(entry.quote().expiringAt(now), entry.usedBy())))
                .map(Entry::quote);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** @param usedBy the transfer that used the quote; {@code null} while unused */
    private record Entry(Quote quote, String usedBy) {}
}
