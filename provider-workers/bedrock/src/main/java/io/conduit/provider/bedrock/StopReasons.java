package io.conduit.provider.bedrock;

/** Converse {@code stopReason} values as OpenAI {@code finish_reason}s. */
final class StopReasons {

    private StopReasons() {}

    /**
     * @param onlyJsonTool whether the only tool called was {@link ConverseTools#JSON_TOOL}: its
     *     call is the answer, so the answer ended normally
     */
    static String finishReason(String stopReason, boolean onlyJsonTool) {
        return switch (stopReason == null ? "" : stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> onlyJsonTool ? "stop" : "tool_calls";
            case "guardrail_intervened", "content_filtered" -> "content_filter";
            default -> "stop"; // end_turn, stop_sequence, and values added later
        };
    }
}
