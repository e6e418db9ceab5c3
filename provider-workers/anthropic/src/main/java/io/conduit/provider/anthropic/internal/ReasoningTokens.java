package io.conduit.provider.anthropic.internal;

import java.nio.charset.StandardCharsets;

/**
 * How many of an answer's output tokens were thinking. Anthropic bills thinking as output tokens
 * and, for most models, does not report the share: when the usage carries
 * {@code output_tokens_details.thinking_tokens} that number is used; otherwise, when the answer
 * had a thinking block, the share is estimated as output tokens minus the visible output (text
 * and tool-call JSON) at about four UTF-8 bytes per token, bounded by {@code [0, output_tokens]}.
 * Subtracting the visible part rather than counting the thinking text keeps the estimate right
 * when Anthropic returns only a summary of the thinking (Claude 4 and later) or omits it.
 */
public final class ReasoningTokens {

    /** Bytes of UTF-8 text per token in the estimate (English prose is close to four). */
    static final int BYTES_PER_TOKEN = 4;

    private ReasoningTokens() {}

    public static long of(AnthropicUsage usage, boolean thought, String visibleOutput) {
        long output = usage.outputTokens();
        if (usage.thinkingTokens() != null) {
            return Math.min(usage.thinkingTokens(), output);
        }
        if (!thought) {
            return 0;
        }
        return Math.max(0, Math.min(output, output - approximateTokens(visibleOutput)));
    }

    /** About how many tokens a text is: UTF-8 bytes divided by four, rounded up. */
    public static long approximateTokens(String text) {
        long bytes = text.getBytes(StandardCharsets.UTF_8).length;
        return (bytes + BYTES_PER_TOKEN - 1) / BYTES_PER_TOKEN;
    }
}
