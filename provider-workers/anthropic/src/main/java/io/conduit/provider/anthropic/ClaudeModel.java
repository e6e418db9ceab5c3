package io.conduit.provider.anthropic;

import io.conduit.provider.spi.ModelCapabilities;

/**
 * What the adapter knows of one Claude model family (a model id prefix): its capabilities and
 * which request shapes it accepts.
 *
 * @param prefix model id prefix, e.g. {@code claude-sonnet-4-5} (matches dated ids and aliases)
 * @param capabilities features, context window and max output
 * @param thinking how extended thinking is requested, if at all
 * @param nativeStructuredOutput whether {@code output_config.format} (and strict tools) are accepted
 * @param samplingParameters whether {@code temperature} / {@code top_p} are accepted
 * @param xhighEffort whether {@code output_config.effort} accepts {@code xhigh}
 * @param maxEffort whether {@code output_config.effort} accepts {@code max}
 */
record ClaudeModel(String prefix, ModelCapabilities capabilities, Thinking thinking, boolean nativeStructuredOutput,
        boolean samplingParameters, boolean xhighEffort, boolean maxEffort) {

    /** How a model takes extended thinking. */
    enum Thinking {
        /** No extended thinking. */
        NONE,
        /** {@code thinking: {type: enabled, budget_tokens}}. */
        BUDGET,
        /** {@code thinking: {type: adaptive}} with {@code output_config.effort}. */
        ADAPTIVE
    }

    /**
     * A model the catalog does not know: capabilities unknown, requested the way every model
     * released since Claude Opus 4.6 takes it (adaptive thinking, native structured output).
     */
    static ClaudeModel unknown() {
        return new ClaudeModel("", ModelCapabilities.UNKNOWN, Thinking.ADAPTIVE, true, true, false, false);
    }
}
