package io.conduit.provider.anthropic.internal;

/**
 * Anthropic's {@code stop_reason} as OpenAI's {@code finish_reason}
 * (https://docs.anthropic.com/en/api/handling-stop-reasons).
 */
public final class FinishReasons {

    private FinishReasons() {}

    /**
     * @param stopReason Anthropic's stop reason, null when none came
     * @param clientToolCalls whether the answer called one of the client's tools (a call of the
     *     gateway's JSON-output tool is the answer's text, not a tool call)
     */
    public static String of(String stopReason, boolean clientToolCalls) {
        if (stopReason == null) {
            return "stop";
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> clientToolCalls ? "tool_calls" : "stop";
            case "refusal" -> "content_filter";
            // end_turn, stop_sequence, pause_turn and reasons added later
            default -> "stop";
        };
    }
}
