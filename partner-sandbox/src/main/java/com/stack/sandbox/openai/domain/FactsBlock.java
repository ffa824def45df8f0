package com.stack.sandbox.openai.domain;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the fenced JSON block (```json ... ```) a prompt carries its facts in. */
public final class FactsBlock {

    /** The info string may be {@code json} in any case; the block ends at the next fence. */
    private static final Pattern FENCED_JSON =
            Pattern.compile("```[ \\t]*json[^\\n]*\\n(.*?)```", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private FactsBlock() {}

    /** The content of the first fenced JSON block of the first text that has one. */
    public static Optional<String> in(List<String> texts) {
        for (String text : texts) {
            if (text == null) {
                continue;
            }
            Matcher matcher = FENCED_JSON.matcher(text);
            if (matcher.find() && !matcher.group(1).isBlank()) {
                return Optional.of(matcher.group(1));
            }
        }
        return Optional.empty();
    }
}
