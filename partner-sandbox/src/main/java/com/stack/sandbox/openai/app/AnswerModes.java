package com.stack.sandbox.openai.app;

import java.util.concurrent.atomic.AtomicReference;

import com.stack.sandbox.openai.domain.AnswerMode;

/**
 * The mode the next answers are written in: set by the control API, for good or for the next {@code count} answers
 * (then back to {@link AnswerMode#NORMAL}). Each answer claims the mode once, atomically, so concurrent answers use
 * up exactly {@code count}.
 */
public class AnswerModes {

    /** @param remaining answers left in this mode; {@code null} for as long as it is not changed */
    public record Setting(AnswerMode mode, Integer remaining) {}

    private static final Setting NORMAL = new Setting(AnswerMode.NORMAL, null);

    private final AtomicReference<Setting> current = new AtomicReference<>(NORMAL);

    /** @param count answers in this mode, at least 1; {@code null}: until changed */
    public Setting set(AnswerMode mode, Integer count) {
        if (count != null && count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        Setting setting = mode == AnswerMode.NORMAL ? NORMAL : new Setting(mode, count);
        current.set(setting);
        return setting;
    }

    public void reset() {
        current.set(NORMAL);
    }

    public Setting current() {
        return current.get();
    }

    /** The mode of one answer, counted against the setting's remaining answers. */
    public AnswerMode claim() {
        return current.getAndUpdate(setting -> setting.remaining() == null
                        ? setting
                        : setting.remaining() <= 1 ? NORMAL : new Setting(setting.mode(), setting.remaining() - 1))
                .mode();
    }
}
