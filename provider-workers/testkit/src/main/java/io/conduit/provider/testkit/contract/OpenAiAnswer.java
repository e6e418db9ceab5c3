package io.conduit.provider.testkit.contract;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenAI chat answer read back from what the client received, either a
 * {@code chat.completion} body or a joined {@code chat.completion.chunk} stream, so the two can be
 * compared with each other and with what the fake was told to answer.
 */
public record OpenAiAnswer(String text, List<Call> toolCalls, String finishReason, JsonNode usage) {

    /** A tool call; arguments parsed, so formatting differences do not matter. */
    public record Call(String id, String name, JsonNode arguments) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static OpenAiAnswer fromBody(byte[] body) {
        JsonNode root = JSON.readTree(body);
        if (!"chat.completion".equals(root.path("object").asString())) {
            throw new AssertionError("not a chat.completion: " + new String(body, StandardCharsets.UTF_8));
        }
        JsonNode choice = root.path("choices").path(0);
        JsonNode message = choice.path("message");
        List<Call> calls = new ArrayList<>();
        for (JsonNode call : message.path("tool_calls")) {
            calls.add(new Call(call.path("id").asString(), call.path("function").path("name").asString(),
                    JSON.readTree(call.path("function").path("arguments").asString())));
        }
        String text = message.path("content").isNull() ? "" : message.path("content").asString("");
        return new OpenAiAnswer(text, calls, choice.path("finish_reason").asString(null),
                root.path("usage").isObject() ? root.path("usage") : null);
    }

    /**
     * Joins a stream of {@code data:} events. Fails when an event is not JSON, is not a chunk, or
     * the stream does not end with {@code data: [DONE]}.
     */
    public static OpenAiAnswer fromStream(String stream) {
        StringBuilder text = new StringBuilder();
        Map<Integer, String[]> calls = new TreeMap<>();
        String finish = null;
        JsonNode usage = null;
        boolean done = false;
        for (String event : stream.split("\n\n")) {
            if (event.isBlank() || event.startsWith(":")) {
                continue; // SSE comments (keep-alives) are valid and ignored by clients
            }
            if (!event.startsWith("data: ")) {
                throw new AssertionError("not an SSE data event: " + event);
            }
            String data = event.substring(6).strip();
            if (done) {
                throw new AssertionError("event after [DONE]: " + data);
            }
            if (data.equals("[DONE]")) {
                done = true;
                continue;
            }
            JsonNode chunk = JSON.readTree(data);
            if (chunk.has("error")) {
                continue;
            }
            if (!"chat.completion.chunk".equals(chunk.path("object").asString())) {
                throw new AssertionError("not a chat.completion.chunk: " + data);
            }
            if (chunk.path("usage").isObject()) {
                usage = chunk.path("usage");
            }
            for (JsonNode choice : chunk.path("choices")) {
                JsonNode delta = choice.path("delta");
                if (delta.path("content").isString()) {
                    text.append(delta.path("content").asString());
                }
                for (JsonNode call : delta.path("tool_calls")) {
                    String[] parts = calls.computeIfAbsent(call.path("index").asInt(), i -> new String[] {"", "", ""});
                    if (call.path("id").isString()) {
                        parts[0] = call.path("id").asString();
                    }
                    if (call.path("function").path("name").isString()) {
                        parts[1] = call.path("function").path("name").asString();
                    }
                    parts[2] += call.path("function").path("arguments").asString("");
                }
                if (choice.path("finish_reason").isString()) {
                    finish = choice.path("finish_reason").asString();
                }
            }
        }
        if (!done) {
            throw new AssertionError("stream did not end with data: [DONE]:\n" + stream);
        }
        List<Call> joined = new ArrayList<>();
        calls.values().forEach(p -> joined.add(new Call(p[0], p[1], JSON.readTree(p[2]))));
        return new OpenAiAnswer(text.toString(), joined, finish, usage);
    }
}
