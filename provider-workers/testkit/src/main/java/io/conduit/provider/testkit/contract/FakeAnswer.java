package io.conduit.provider.testkit.contract;

import java.util.List;

/**
 * What a fake provider answers, independent of its wire format; each fake renders it the way its
 * provider would (plain or streamed, as the request asks).
 *
 * @param text the assistant's text ("" for none)
 * @param reasoning reasoning/thinking text the provider shows, "" for none
 * @param toolCalls tool calls in order (empty for none)
 * @param finish why the answer ended, in OpenAI terms
 * @param usage the token counts the provider reports
 */
public record FakeAnswer(String text, String reasoning, List<ToolCall> toolCalls, Finish finish, Usage usage) {

    /** One function call; {@code argumentsJson} is a JSON object as text. */
    public record ToolCall(String id, String name, String argumentsJson) {}

    /** Token counts; {@code promptTokens} includes cached ones, {@code completionTokens} reasoning ones. */
    public record Usage(long promptTokens, long completionTokens, long cachedTokens, long reasoningTokens) {}

    /** OpenAI's {@code finish_reason} values. */
    public enum Finish {
        STOP("stop"), LENGTH("length"), TOOL_CALLS("tool_calls"), CONTENT_FILTER("content_filter");

        private final String openAi;

        Finish(String openAi) {
            this.openAi = openAi;
        }

        public String openAi() {
            return openAi;
        }
    }

    public static FakeAnswer text(String text, Usage usage) {
        return new FakeAnswer(text, "", List.of(), Finish.STOP, usage);
    }

    public static FakeAnswer toolCalls(List<ToolCall> calls, Usage usage) {
        return new FakeAnswer("", "", calls, Finish.TOOL_CALLS, usage);
    }
}
