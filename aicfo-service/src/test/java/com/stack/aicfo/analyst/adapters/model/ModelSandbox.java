package com.stack.aicfo.analyst.adapters.model;

import java.util.List;

import com.stack.sandbox.PartnerSandboxApplication;
import com.stack.testsupport.InProcessSandbox;

/**
 * The partner sandbox in-process once per test JVM ({@link InProcessSandbox}) for aicfo's model adapter: it calls the
 * sandbox's OpenAI-compatible chat completions over HTTP as production calls a model, and the tests steer the
 * answers (normal, wrong numbers) and faults through the control API. A timeout fault holds for 2s, not a minute.
 */
public final class ModelSandbox extends InProcessSandbox {

    private ModelSandbox() {
        super(PartnerSandboxApplication.application(), List.of(), "--stack.sandbox.faults.timeout-hold=2s");
    }

    public static ModelSandbox shared() {
        return shared(ModelSandbox.class, ModelSandbox::new);
    }
}
