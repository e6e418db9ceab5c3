package io.conduit.provider.openai.fake;

import io.conduit.provider.testkit.contract.FakeAnswer;
import io.conduit.provider.testkit.contract.FakeAnswer.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders a {@link FakeAnswer} as a provider of the family would: a {@code chat.completion} body,
 * or the {@code chat.completion.chunk} events of a stream ending in {@code data: [DONE]}. Field
 * order follows the providers' own answers (Azure's are alphabetical).
 */
final class FakeChatRenderer {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int TEXT_PIECE = 6;
    private static final int ARGUMENT_PIECE = 9;
    private static final AtomicLong IDS = new AtomicLong(1);

    private final FakeFlavor flavor;

    FakeChatRenderer(FakeFlavor flavor) {
        this.flavor = flavor;
    }

    String plainBody(FakeAnswer answer, String model) {
        ObjectNode message = JSON.createObjectNode();
        message.put("role", "assistant");
        if (answer.toolCalls().isEmpty()) {
            message.put("content", answer.text());
        } else {
            message.putNull("content");
        }
        if (flavor.reasoningContent() && !answer.reasoning().isEmpty()) {
            message.put("reasoning_content", answer.reasoning());
        }
        if (!answer.toolCalls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            answer.toolCalls().forEach(call -> calls.add(fullToolCall(call, -1)));
        }
        if (flavor.usage() != FakeFlavor.Usage.MISTRAL) {
            message.putNull("refusal");
            message.putArray("annotations");
        }
        ObjectNode choice = JSON.createObjectNode();
        choice.put("index", 0);
        choice.set("message", message);
        choice.putNull("logprobs");
        choice.put("finish_reason", answer.finish().openAi());
        if (flavor.azureApi()) {
            choice.set("content_filter_results", filterResults());
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "chatcmpl-" + IDS.getAndIncrement());
        body.put("object", "chat.completion");
        body.put("created", 1_750_000_000L);
        body.put("model", model);
        body.putArray("choices").add(choice);
        body.set("usage", usage(answer.usage()));
        if (flavor.usage() != FakeFlavor.Usage.MISTRAL) {
            body.put("system_fingerprint", "fp_fake01");
        }
        if (flavor.azureApi()) {
            body.set("prompt_filter_results", promptFilterResults());
        }
        return write(flavor.azureApi() ? sorted(body) : body);
    }

    /** Every event of the stream, each framed as {@code data: ...\n\n}. */
    List<String> streamEvents(FakeAnswer answer, String model, boolean includeUsage, boolean keepAlive) {
        String id = "chatcmpl-" + IDS.getAndIncrement();
        List<String> events = new ArrayList<>();
        if (keepAlive) {
            // DeepSeek keeps connections of requests waiting under load alive with SSE comments
            events.add(": keep-alive\n\n");
        }
        if (flavor.azureApi()) {
            ObjectNode first = JSON.createObjectNode();
            first.putArray("choices");
            first.put("created", 0);
            first.put("id", "");
            first.put("model", "");
            first.put("object", "");
            first.set("prompt_filter_results", promptFilterResults());
            events.add(data(first));
        }
        boolean usageNulls = includeUsage && flavor.usage() == FakeFlavor.Usage.OPENAI && !flavor.azureApi();
        ObjectNode role = JSON.createObjectNode();
        role.put("role", "assistant");
        role.put("content", "");
        events.add(chunk(id, model, role, null, usageNulls));
        if (flavor.reasoningContent()) {
            for (String piece : pieces(answer.reasoning(), TEXT_PIECE)) {
                ObjectNode delta = JSON.createObjectNode();
                delta.putNull("content");
                delta.put("reasoning_content", piece);
                events.add(chunk(id, model, delta, null, usageNulls));
            }
        }
        for (String piece : pieces(answer.text(), TEXT_PIECE)) {
            ObjectNode delta = JSON.createObjectNode();
            delta.put("content", piece);
            events.add(chunk(id, model, delta, null, usageNulls));
        }
        toolCallEvents(answer.toolCalls(), id, model, usageNulls, events);
        ObjectNode last = JSON.createObjectNode();
        if (flavor.usage() == FakeFlavor.Usage.MISTRAL) {
            last.put("content", "");
        }
        String finish = chunk(id, model, last, answer.finish().openAi(), usageNulls);
        if (flavor.usage() == FakeFlavor.Usage.MISTRAL) {
            ObjectNode withUsage = (ObjectNode) JSON.readTree(finish.substring(6).strip());
            withUsage.set("usage", usage(answer.usage()));
            finish = data(withUsage);
        }
        events.add(finish);
        if (includeUsage && flavor.usage() != FakeFlavor.Usage.MISTRAL) {
            ObjectNode usageChunk = envelope(id, model);
            usageChunk.putArray("choices");
            usageChunk.set("usage", usage(answer.usage()));
            events.add(data(flavor.azureApi() ? sorted(usageChunk) : usageChunk));
        }
        events.add("data: [DONE]\n\n");
        return events;
    }

    private void toolCallEvents(List<ToolCall> calls, String id, String model, boolean usageNulls, List<String> events) {
        if (calls.isEmpty()) {
            return;
        }
        if (flavor.usage() == FakeFlavor.Usage.MISTRAL) {
            // Mistral streams each tool call whole, in one chunk
            ObjectNode delta = JSON.createObjectNode();
            ArrayNode array = delta.putArray("tool_calls");
            for (int i = 0; i < calls.size(); i++) {
                array.add(fullToolCall(calls.get(i), i));
            }
            events.add(chunk(id, model, delta, null, usageNulls));
            return;
        }
        for (int i = 0; i < calls.size(); i++) {
            ToolCall call = calls.get(i);
            ObjectNode start = JSON.createObjectNode();
            start.put("index", i);
            start.put("id", call.id());
            start.put("type", "function");
            ObjectNode function = start.putObject("function");
            function.put("name", call.name());
            function.put("arguments", "");
            events.add(chunk(id, model, toolDelta(start), null, usageNulls));
            for (String piece : pieces(call.argumentsJson(), ARGUMENT_PIECE)) {
                ObjectNode part = JSON.createObjectNode();
                part.put("index", i);
                part.putObject("function").put("arguments", piece);
                events.add(chunk(id, model, toolDelta(part), null, usageNulls));
            }
        }
    }

    private static ObjectNode toolDelta(ObjectNode call) {
        ObjectNode delta = JSON.createObjectNode();
        delta.putArray("tool_calls").add(call);
        return delta;
    }

    private ObjectNode fullToolCall(ToolCall call, int index) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", call.id());
        node.put("type", "function");
        ObjectNode function = node.putObject("function");
        function.put("name", call.name());
        function.put("arguments", call.argumentsJson());
        if (index >= 0) {
            node.put("index", index);
        }
        return node;
    }

    private String chunk(String id, String model, ObjectNode delta, String finishReason, boolean usageNull) {
        ObjectNode choice = JSON.createObjectNode();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        if (flavor.azureApi()) {
            choice.set("content_filter_results", delta.has("content") && !delta.path("content").asString("").isEmpty()
                    ? filterResults() : JSON.createObjectNode());
        }
        ObjectNode chunk = envelope(id, model);
        chunk.putArray("choices").add(flavor.azureApi() ? sorted(choice) : choice);
        if (usageNull) {
            chunk.putNull("usage");
        }
        return data(flavor.azureApi() ? sorted(chunk) : chunk);
    }

    private ObjectNode envelope(String id, String model) {
        ObjectNode chunk = JSON.createObjectNode();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", 1_750_000_000L);
        chunk.put("model", model);
        if (flavor.usage() != FakeFlavor.Usage.MISTRAL) {
            chunk.put("system_fingerprint", "fp_fake01");
        }
        return chunk;
    }

    ObjectNode usage(FakeAnswer.Usage usage) {
        ObjectNode node = JSON.createObjectNode();
        node.put("prompt_tokens", usage.promptTokens());
        node.put("completion_tokens", usage.completionTokens());
        node.put("total_tokens", usage.promptTokens() + usage.completionTokens());
        switch (flavor.usage()) {
            case OPENAI -> {
                ObjectNode prompt = node.putObject("prompt_tokens_details");
                prompt.put("cached_tokens", usage.cachedTokens());
                prompt.put("audio_tokens", 0);
                ObjectNode completion = node.putObject("completion_tokens_details");
                completion.put("reasoning_tokens", usage.reasoningTokens());
                completion.put("audio_tokens", 0);
                completion.put("accepted_prediction_tokens", 0);
                completion.put("rejected_prediction_tokens", 0);
            }
            case DEEPSEEK -> {
                node.put("prompt_cache_hit_tokens", usage.cachedTokens());
                node.put("prompt_cache_miss_tokens", usage.promptTokens() - usage.cachedTokens());
                node.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
            }
            case MISTRAL -> { }
        }
        return node;
    }

    private static ObjectNode filterResults() {
        ObjectNode results = JSON.createObjectNode();
        for (String category : List.of("hate", "self_harm", "sexual", "violence")) {
            ObjectNode c = results.putObject(category);
            c.put("filtered", false);
            c.put("severity", "safe");
        }
        return results;
    }

    private static ArrayNode promptFilterResults() {
        ArrayNode array = JSON.createArrayNode();
        ObjectNode entry = array.addObject();
        entry.put("prompt_index", 0);
        entry.set("content_filter_results", filterResults());
        return array;
    }

    /** Azure writes members in alphabetical order. */
    private static ObjectNode sorted(ObjectNode node) {
        ObjectNode out = JSON.createObjectNode();
        node.properties().stream().map(java.util.Map.Entry::getKey).sorted().forEach(k -> out.set(k, node.get(k)));
        return out;
    }

    private static String data(ObjectNode node) {
        return "data: " + write(node) + "\n\n";
    }

    private static String write(ObjectNode node) {
        return JSON.writeValueAsString(node);
    }

    /** Cuts text into pieces of a few code points (never inside a surrogate pair). */
    static List<String> pieces(String text, int codePoints) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int end = i;
            for (int n = 0; n < codePoints && end < text.length(); n++) {
                end += Character.charCount(text.codePointAt(end));
            }
            out.add(text.substring(i, end));
            i = end;
        }
        return out;
    }
}
