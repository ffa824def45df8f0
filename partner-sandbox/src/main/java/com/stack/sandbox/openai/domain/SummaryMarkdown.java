package com.stack.sandbox.openai.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The emulated model's answer to a facts prompt: a {@code ## } heading, a short sentence, and a list of the figures
 * the facts state (none in {@link AnswerMode#NO_FIGURES}; one of them wrong in {@link AnswerMode#WRONG_NUMBERS}).
 * Heading and prose never contain a digit, so every number in the answer is one of the list's figures.
 */
public final class SummaryMarkdown {

    private SummaryMarkdown() {}

    public static String write(PromptFacts facts, AnswerMode mode) {
        boolean analysis = "ON_DEMAND".equalsIgnoreCase(facts.kind());
        StringBuilder markdown = new StringBuilder()
                .append(analysis ? "## Your portfolio analysis" : "## Your week in review")
                .append("\n\n");
        if (mode == AnswerMode.NO_FIGURES) {
            return markdown.append(
                            analysis
                                    ? "Your portfolio is in place and your account is active. Open the app for the details."
                                    : "Your account was active this week. Open the app for the details.")
                    .append('\n')
                    .toString();
        }
        markdown.append(analysis ? "Here is where your money stands." : "Here is what moved in your account this week.")
                .append('\n');
        PromptFacts stated = mode == AnswerMode.WRONG_NUMBERS ? facts.withOneFigureWrong() : facts;
        if (!stated.lines().isEmpty()) {
            markdown.append('\n');
            stated.lines()
                    .forEach(line ->
                            markdown.append("- ").append(line.rendered()).append('\n'));
        }
        return markdown.toString();
    }

    /**
     * The answer cut into the pieces a streamed answer delivers, about a token each (up to 4 characters), so that a
     * figure may well be split across pieces, as a real model's tokens split it.
     */
    public static List<String> pieces(String markdown) {
        List<String> pieces = new ArrayList<>();
        int[] codePoints = markdown.codePoints().toArray();
        for (int start = 0; start < codePoints.length; start += 4) {
            pieces.add(new String(codePoints, start, Math.min(4, codePoints.length - start)));
        }
        return pieces;
    }
}
