package com.stack.aicfo.analyst.app;

import java.util.regex.Pattern;

/**
 * Markdown a phone can show as it is: raw HTML escaped ({@code <}, {@code >}, {@code &}), links reduced to their
 * text and bare addresses dropped (a summary links nowhere), line endings normalized, and at most
 * {@link #MAX_LENGTH} characters, cut at the end of a line.
 */
public final class PhoneSafeMarkdown {

    public static final int MAX_LENGTH = 2000;

    // [text](target) and ![alt](target): the text stays, the target goes
    private static final Pattern LINK = Pattern.compile("!?\\[([^\\]\\n]*)\\]\\([^)\\n]*\\)");
    // a reference definition "[1]: https://..." and bare addresses
    private static final Pattern REFERENCE = Pattern.compile("(?m)^\\s{0,3}\\[[^\\]\\n]+\\]:\\s*\\S+.*$");
    /** A web address ({@code scheme://}, {@code www.}) or a scheme that acts when tapped; not a label such as "DATA:". */
    private static final Pattern ADDRESS =
            Pattern.compile("(?i)\\b(?:(?:https?|ftp)://\\S*|(?:mailto|javascript|data|tel|sms):\\S+)|\\bwww\\.\\S+");

    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

    private PhoneSafeMarkdown() {}

    public static String of(String markdown) {
        String text = markdown.replace("\r\n", "\n").replace('\r', '\n');
        text = LINK.matcher(text).replaceAll(match -> java.util.regex.Matcher.quoteReplacement(match.group(1)));
        text = REFERENCE.matcher(text).replaceAll("");
        text = ADDRESS.matcher(text).replaceAll("");
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        text = BLANK_LINES.matcher(text.strip()).replaceAll("\n\n");
        return cut(text) + "\n";
    }

    /** At most {@link #MAX_LENGTH} characters, ending at a line's end (a single line longer than that is cut). */
    private static String cut(String text) {
        if (text.length() <= MAX_LENGTH - 1) {
            return text;
        }
        int end = text.lastIndexOf('\n', MAX_LENGTH - 1);
        return (end > 0 ? text.substring(0, end) : text.substring(0, MAX_LENGTH - 1)).stripTrailing();
    }
}
