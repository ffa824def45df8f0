package com.stack.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What a service's {@code /actuator/prometheus} said, as Prometheus reads it (the text format): each sample's name,
 * labels and value, so a test asserts the exact names and labels dashboards and alerts query.
 */
public final class PrometheusScrape {

    /** A service's scrape with every histogram runs to a few hundred kilobytes. */
    private static final int MAX_SCRAPE_BYTES = 32 * 1024 * 1024;

    private static final Pattern SAMPLE =
            Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\S+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One line of the scrape. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    private final String text;
    private final List<Sample> samples;

    private PrometheusScrape(String text, List<Sample> samples) {
        this.text = text;
        this.samples = samples;
    }

    /** Scrapes {@code baseUrl + /actuator/prometheus} now. */
    public static PrometheusScrape of(String baseUrl) {
        String text = WebTestClient.bindToServer()
                .baseUrl(baseUrl)
                .responseTimeout(Duration.ofSeconds(30))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_SCRAPE_BYTES))
                .build()
                .get()
                .uri("/actuator/prometheus")
                .accept(MediaType.TEXT_PLAIN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return parse(text == null ? "" : text);
    }

    public static PrometheusScrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            Matcher sample = SAMPLE.matcher(line.strip());
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
        }
        return new PrometheusScrape(text, samples);
    }

    /** The samples named {@code name} whose labels include {@code labelPairs} (name, value, name, value, ...). */
    public List<Sample> samples(String name, String... labelPairs) {
        return samples.stream()
                .filter(sample -> sample.name().equals(name) && matches(sample.labels(), labelPairs))
                .toList();
    }

    /**
     * The value of the one sample named {@code name} with those labels; fails, showing what the scrape has of that
     * name, when there is none or more than one.
     */
    public double value(String name, String... labelPairs) {
        List<Sample> found = samples(name, labelPairs);
        if (found.size() != 1) {
            throw new AssertionError("Expected one sample " + name + " with " + List.of(labelPairs) + ", found "
                    + found.size() + "; the scrape has " + samples(name));
        }
        return found.get(0).value();
    }

    public String text() {
        return text;
    }

    private static boolean matches(Map<String, String> labels, String... pairs) {
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (!pairs[i + 1].equals(labels.get(pairs[i]))) {
                return false;
            }
        }
        return true;
    }
}
