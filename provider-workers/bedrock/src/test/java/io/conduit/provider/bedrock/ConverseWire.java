package io.conduit.provider.bedrock;

import io.conduit.provider.bedrock.eventstream.EventStreamMessage;
import io.conduit.provider.testkit.contract.FakeAnswer;
import io.conduit.provider.testkit.contract.FakeAnswer.ToolCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** How {@link FakeBedrock} renders answers and errors in Bedrock's wire format. */
final class ConverseWire {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PADDING = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0";

    private ConverseWire() {}

    /** The error Bedrock documents for a status (Converse errors in the Bedrock Runtime API reference). */
    static String errorTypeFor(int status) {
        return switch (status) {
            case 400 -> "ValidationException";
            case 403 -> "AccessDeniedException";
            case 404 -> "ResourceNotFoundException";
            case 408 -> "ModelTimeoutException";
            case 424 -> "ModelErrorException";
            case 429 -> "ThrottlingException";
            case 500 -> "InternalServerException";
            case 503 -> "ServiceUnavailableException";
            default -> throw new IllegalArgumentException("Bedrock documents no error for HTTP " + status);
        };
    }

    static String messageFor(String errorType, String modelId) {
        return switch (errorType) {
            case "ValidationException" -> "The model returned the following errors: messages.0.content: at least one"
                    + " content block is required";
            case "AccessDeniedException" -> "You don't have access to the model with the specified model ID.";
            case "ResourceNotFoundException" -> "Could not resolve the foundation model from the provided model"
                    + " identifier " + modelId + ".";
            case "ModelTimeoutException" -> "Model has timed out in processing the request. Try your request again.";
            case "ModelErrorException" -> "The system encountered an unexpected error during processing. Try your"
                    + " request again.";
            case "ThrottlingException" -> "Too many requests, please wait before trying again.";
            case "ModelNotReadyException" -> "Model is not ready for inference. Wait and try your request again.";
            case "ServiceQuotaExceededException" -> "Your request exceeds the service quota for your account.";
            case "InternalServerException" -> "The server encountered an internal error while processing the request.";
            case "ServiceUnavailableException" -> "Bedrock is unable to process your request.";
            default -> errorType;
        };
    }

    static byte[] errorBody(String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("message", message);
        return JSON.writeValueAsBytes(body);
    }

    /**
     * The answer as the model would give it to this request: told a JSON text while made to call a
     * tool ({@code toolChoice.tool}, or {@code any}), the model calls that tool with the JSON as input.
     */
    static FakeAnswer asModelWould(FakeAnswer answer, JsonNode request) {
        JsonNode toolConfig = request.path("toolConfig");
        String forced = toolConfig.path("toolChoice").path("tool").path("name").asString(null);
        if (forced == null && toolConfig.path("toolChoice").has("any")) {
            JsonNode tools = toolConfig.path("tools");
            forced = tools.isEmpty() ? null : tools.get(tools.size() - 1).path("toolSpec").path("name").asString(null);
        }
        if (forced == null || !answer.toolCalls().isEmpty() || !isJson(answer.text())) {
            return answer;
        }
        return new FakeAnswer("", answer.reasoning(), List.of(new ToolCall("tooluse_forced01", forced, answer.text())),
                FakeAnswer.Finish.TOOL_CALLS, answer.usage());
    }

    static byte[] converseResponse(FakeAnswer answer) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode message = root.putObject("output").putObject("message");
        message.put("role", "assistant");
        ArrayNode content = message.putArray("content");
        if (!answer.reasoning().isEmpty()) {
            ObjectNode reasoning = content.addObject().putObject("reasoningContent").putObject("reasoningText");
            reasoning.put("text", answer.reasoning());
            reasoning.put("signature", "fake-signature");
        }
        if (!answer.text().isEmpty()) {
            content.addObject().put("text", answer.text());
        }
        for (ToolCall call : answer.toolCalls()) {
            ObjectNode toolUse = content.addObject().putObject("toolUse");
            toolUse.put("toolUseId", call.id());
            toolUse.put("name", call.name());
            toolUse.set("input", JSON.readTree(call.argumentsJson()));
        }
        root.put("stopReason", stopReason(answer.finish()));
        root.set("usage", usage(answer.usage()));
        root.putObject("metrics").put("latencyMs", 321);
        return JSON.writeValueAsBytes(root);
    }

    /** The ConverseStream messages of a whole answer. */
    static List<byte[]> events(FakeAnswer answer) {
        List<byte[]> out = new ArrayList<>();
        out.add(event("messageStart", obj().put("role", "assistant")));
        int block = 0;
        if (!answer.reasoning().isEmpty()) {
            for (String piece : pieces(answer.reasoning(), 6)) {
                ObjectNode delta = obj();
                delta.putObject("reasoningContent").put("text", piece);
                out.add(delta(block, delta));
            }
            ObjectNode signature = obj();
            signature.putObject("reasoningContent").put("signature", "fake-signature");
            out.add(delta(block, signature));
            out.add(event("contentBlockStop", obj().put("contentBlockIndex", block++)));
        }
        if (!answer.text().isEmpty()) {
            for (String piece : pieces(answer.text(), 5)) {
                out.add(delta(block, obj().put("text", piece)));
            }
            out.add(event("contentBlockStop", obj().put("contentBlockIndex", block++)));
        }
        for (ToolCall call : answer.toolCalls()) {
            ObjectNode start = obj();
            start.put("contentBlockIndex", block);
            ObjectNode toolUse = start.putObject("start").putObject("toolUse");
            toolUse.put("toolUseId", call.id());
            toolUse.put("name", call.name());
            out.add(event("contentBlockStart", start));
            for (String piece : pieces(call.argumentsJson(), 7)) {
                ObjectNode delta = obj();
                delta.putObject("toolUse").put("input", piece);
                out.add(delta(block, delta));
            }
            out.add(event("contentBlockStop", obj().put("contentBlockIndex", block++)));
        }
        out.add(event("messageStop", obj().put("stopReason", stopReason(answer.finish()))));
        ObjectNode metadata = obj();
        metadata.set("usage", usage(answer.usage()));
        metadata.putObject("metrics").put("latencyMs", 321);
        out.add(event("metadata", metadata));
        return out;
    }

    /** The start of an answer's text, then a {@code modelStreamErrorException}, as Bedrock fails a stream. */
    static List<byte[]> eventsCutShort(FakeAnswer answer) {
        List<byte[]> out = new ArrayList<>();
        out.add(event("messageStart", obj().put("role", "assistant")));
        String text = answer.text();
        for (String piece : pieces(text.substring(0, text.length() / 2), 5)) {
            out.add(delta(0, obj().put("text", piece)));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":exception-type", "modelStreamErrorException");
        headers.put(":content-type", "application/json");
        headers.put(":message-type", "exception");
        ObjectNode payload = obj();
        payload.put("message", "The model stream was interrupted. Try your request again.");
        payload.put("originalStatusCode", 500);
        payload.put("originalMessage", "internal error");
        out.add(new EventStreamMessage(headers, JSON.writeValueAsBytes(payload)).encode());
        return out;
    }

    static byte[] event(String eventType, ObjectNode payload) {
        payload.put("p", PADDING.substring(0, 1 + Math.abs(eventType.hashCode()) % (PADDING.length() - 1)));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":event-type", eventType);
        headers.put(":content-type", "application/json");
        headers.put(":message-type", "event");
        return new EventStreamMessage(headers, JSON.writeValueAsBytes(payload)).encode();
    }

    private static byte[] delta(int block, ObjectNode delta) {
        ObjectNode payload = obj();
        payload.put("contentBlockIndex", block);
        payload.set("delta", delta);
        return event("contentBlockDelta", payload);
    }

    private static ObjectNode usage(FakeAnswer.Usage usage) {
        ObjectNode out = obj();
        long input = usage.promptTokens() - usage.cachedTokens();
        out.put("inputTokens", input);
        out.put("outputTokens", usage.completionTokens());
        out.put("totalTokens", usage.promptTokens() + usage.completionTokens());
        if (usage.cachedTokens() > 0) {
            out.put("cacheReadInputTokens", usage.cachedTokens());
            out.put("cacheWriteInputTokens", 0);
        }
        return out;
    }

    private static String stopReason(FakeAnswer.Finish finish) {
        return switch (finish) {
            case STOP -> "end_turn";
            case LENGTH -> "max_tokens";
            case TOOL_CALLS -> "tool_use";
            case CONTENT_FILTER -> "content_filtered";
        };
    }

    /** Splits text into pieces of up to n code points, never inside a surrogate pair. */
    static List<String> pieces(String text, int n) {
        List<String> out = new ArrayList<>();
        int[] cps = text.codePoints().toArray();
        for (int i = 0; i < cps.length; i += n) {
            out.add(new String(cps, i, Math.min(n, cps.length - i)));
        }
        return out;
    }

    private static boolean isJson(String text) {
        try {
            return JSON.readTree(text).isObject();
        } catch (JacksonException e) {
            return false;
        }
    }

    private static ObjectNode obj() {
        return JSON.createObjectNode();
    }
}
