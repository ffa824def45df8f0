package com.stack.sandbox.openai.domain;

/** How the emulated model answers, set through the control API to test a caller's checks. */
public enum AnswerMode {

    /** Every figure of the prompt's facts, exactly as the facts state it. */
    NORMAL,

    /** The facts' figures with one amount changed to a value the facts do not contain: a verifier must refuse it. */
    WRONG_NUMBERS,

    /** The heading and prose only, not one digit. */
    NO_FIGURES
}
