package io.conduit.provider.anthropic;

import io.conduit.provider.testkit.contract.FakeAnswer;
import io.conduit.provider.testkit.contract.FakeAnswer.ToolCall;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How the fake Anthropic API writes an answer: the {@code message} object of a plain answer and
 * the named events of a stream, field for field as Anthropic's Messages API reference and
 * streaming guide show them (https://docs.anthropic.com/en/api/messages,
 * https://docs.anthropic.com/en/docs/build-with-claude/streaming), and the documented error bodies
 * (https://docs.anthropic.com/en/api/errors).
 */
final class FakeAnthropicWire {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    /** Code points per text delta: small, so multi-byte characters meet piece boundaries. */
    private static final int PIECE = 5;

    /**
     * @param message the plain answer's body
     * @param events the whole stream, one element per event (each flushed on its own)
     * @param failingEvents the stream cut by an {@code error} event after part of the text
     */
    record Rendered(byte[] message, List<byte[]> events, List<byte[]> failingEvents) {}

    private FakeAnthropicWire() {}

    static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return JSON.missingNode();
        }
    }

    static String id(String prefix) {
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < 24; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    static Rendered render(FakeAnswer answer, JsonNode request) {
        FakeAnswer told = forcedTool(request).map(tool -> asToolCall(answer, tool)).orElse(answer);
        String id = id("msg_");
        String model = request.path("model").asString("");
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", model);
        ArrayNode content = message.putArray("content");
        blocks(told).forEach(content::add);
        message.put("stop_reason", stopReason(told.finish()));
        message.putNull("stop_sequence");
        message.set("usage", usage(told.usage(), told.usage().completionTokens()));
        return new Rendered(bytes(message), events(told, id, model, false), events(told, id, model, true));
    }

    private static List<byte[]> events(FakeAnswer answer, String id, String model, boolean failing) {
        List<byte[]> events = new ArrayList<>();
        ObjectNode start = JSON.createObjectNode();
        start.put("type", "message_start");
        ObjectNode message = start.putObject("message");
        message.put("id", id);
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        // output_tokens here is the running count so far, not to be added to message_delta's
        message.set("usage", usage(answer.usage(), 1));
        events.add(event("message_start", start));
        List<ObjectNode> blocks = blocks(answer);
        for (int index = 0; index < blocks.size(); index++) {
            ObjectNode block = blocks.get(index);
            String type = block.path("type").asString();
            ObjectNode started = block.deepCopy();
            switch (type) {
                case "text" -> started.put("text", "");
                case "thinking" -> {
                    started.put("thinking", "");
                    started.remove("signature");
                }
                default -> started.putObject("input");
            }
            ObjectNode blockStart = JSON.createObjectNode();
            blockStart.put("type", "content_block_start");
            blockStart.put("index", index);
            blockStart.set("content_block", started);
            events.add(event("content_block_start", blockStart));
            if (index == 0) {
                events.add(event("ping", JSON.createObjectNode().put("type", "ping")));
            }
            List<ObjectNode> deltas = deltas(block);
            if (failing && type.equals("text")) {
                for (ObjectNode d : deltas.subList(0, Math.max(1, deltas.size() / 2))) {
                    events.add(event("content_block_delta", delta(index, d)));
                }
                events.add(event("error", overloaded()));
                return events;
            }
            for (ObjectNode d : deltas) {
                events.add(event("content_block_delta", delta(index, d)));
            }
            ObjectNode stop = JSON.createObjectNode();
            stop.put("type", "content_block_stop");
            stop.put("index", index);
            events.add(event("content_block_stop", stop));
        }
        if (failing) {
            events.add(event("error", overloaded()));
            return events;
        }
        ObjectNode messageDelta = JSON.createObjectNode();
        messageDelta.put("type", "message_delta");
        ObjectNode delta = messageDelta.putObject("delta");
        delta.put("stop_reason", stopReason(answer.finish()));
        delta.putNull("stop_sequence");
        messageDelta.putObject("usage").put("output_tokens", answer.usage().completionTokens());
        events.add(event("message_delta", messageDelta));
        events.add(event("message_stop", JSON.createObjectNode().put("type", "message_stop")));
        return events;
    }

    /** The in-stream error of a busy API, which would be a 529 in a plain answer. */
    private static ObjectNode overloaded() {
        ObjectNode error = JSON.createObjectNode();
        error.put("type", "error");
        ObjectNode detail = error.putObject("error");
        detail.put("type", "overloaded_error");
        detail.put("message", "Overloaded");
        return error;
    }

    private static List<ObjectNode> blocks(FakeAnswer answer) {
        List<ObjectNode> blocks = new ArrayList<>();
        if (!answer.reasoning().isEmpty()) {
            ObjectNode thinking = JSON.createObjectNode();
            thinking.put("type", "thinking");
            thinking.put("thinking", answer.reasoning());
            thinking.put("signature", "EqQBCgIYAhIM" + id(""));
            blocks.add(thinking);
        }
        if (!answer.text().isEmpty()) {
            ObjectNode text = JSON.createObjectNode();
            text.put("type", "text");
            text.put("text", answer.text());
            blocks.add(text);
        }
        for (ToolCall call : answer.toolCalls()) {
            ObjectNode toolUse = JSON.createObjectNode();
            toolUse.put("type", "tool_use");
            toolUse.put("id", call.id().startsWith("toolu_") ? call.id() : "toolu_" + call.id());
            toolUse.put("name", call.name());
            toolUse.set("input", JSON.readTree(call.argumentsJson()));
            blocks.add(toolUse);
        }
        return blocks;
    }

    /** The deltas that build a block up: text in pieces, tool input as partial JSON, thinking then its signature. */
    private static List<ObjectNode> deltas(ObjectNode block) {
        List<ObjectNode> deltas = new ArrayList<>();
        switch (block.path("type").asString()) {
            case "text" -> pieces(block.path("text").asString()).forEach(piece -> {
                ObjectNode d = JSON.createObjectNode();
                d.put("type", "text_delta");
                d.put("text", piece);
                deltas.add(d);
            });
            case "thinking" -> {
                pieces(block.path("thinking").asString()).forEach(piece -> {
                    ObjectNode d = JSON.createObjectNode();
                    d.put("type", "thinking_delta");
                    d.put("thinking", piece);
                    deltas.add(d);
                });
                ObjectNode signature = JSON.createObjectNode();
                signature.put("type", "signature_delta");
                signature.put("signature", block.path("signature").asString());
                deltas.add(signature);
            }
            default -> {
                // Anthropic starts with an empty piece and writes JSON with spaces after separators
                List<String> pieces = new ArrayList<>(List.of(""));
                pieces.addAll(pieces(spaced(block.path("input"))));
                pieces.forEach(piece -> {
                    ObjectNode d = JSON.createObjectNode();
                    d.put("type", "input_json_delta");
                    d.put("partial_json", piece);
                    deltas.add(d);
                });
            }
        }
        return deltas;
    }

    private static ObjectNode delta(int index, ObjectNode delta) {
        ObjectNode event = JSON.createObjectNode();
        event.put("type", "content_block_delta");
        event.put("index", index);
        event.set("delta", delta);
        return event;
    }

    private static ObjectNode usage(FakeAnswer.Usage usage, long outputTokens) {
        ObjectNode out = JSON.createObjectNode();
        out.put("input_tokens", usage.promptTokens() - usage.cachedTokens());
        out.put("cache_creation_input_tokens", 0);
        out.put("cache_read_input_tokens", usage.cachedTokens());
        out.put("output_tokens", outputTokens);
        out.put("service_tier", "standard");
        return out;
    }

    private static String stopReason(FakeAnswer.Finish finish) {
        return switch (finish) {
            case STOP -> "end_turn";
            case LENGTH -> "max_tokens";
            case TOOL_CALLS -> "tool_use";
            case CONTENT_FILTER -> "refusal";
        };
    }

    /** The tool {@code tool_choice} names, if it names one. */
    private static Optional<String> forcedTool(JsonNode request) {
        JsonNode choice = request.path("tool_choice");
        return "tool".equals(choice.path("type").asString("")) && choice.path("name").isString()
                ? Optional.of(choice.path("name").asString()) : Optional.empty();
    }

    /** A forced tool's call carrying the answer's text (JSON) as its input. */
    private static FakeAnswer asToolCall(FakeAnswer answer, String tool) {
        if (!answer.toolCalls().isEmpty()) {
            return answer;
        }
        return new FakeAnswer("", answer.reasoning(), List.of(new ToolCall("toolu_" + id(""), tool, answer.text())),
                FakeAnswer.Finish.TOOL_CALLS, answer.usage());
    }

    private static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        int[] codePoints = text.codePoints().toArray();
        for (int from = 0; from < codePoints.length; from += PIECE) {
            pieces.add(new String(codePoints, from, Math.min(PIECE, codePoints.length - from)));
        }
        return pieces;
    }

    /** JSON with a space after each ':' and ',' outside strings, as Claude writes tool input. */
    private static String spaced(JsonNode node) {
        String compact = JSON.writeValueAsString(node);
        StringBuilder out = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < compact.length(); i++) {
            char c = compact.charAt(i);
            out.append(c);
            if (c == '"' && (i == 0 || compact.charAt(i - 1) != '\\')) {
                inString = !inString;
            } else if (!inString && (c == ':' || c == ',')) {
                out.append(' ');
            }
        }
        return out.toString();
    }

    static byte[] errorBody(String type, String message, String requestId) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", "error");
        ObjectNode error = body.putObject("error");
        error.put("type", type);
        error.put("message", message);
        body.put("request_id", requestId);
        return bytes(body);
    }

    static String errorType(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            case 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    static String errorMessage(int status) {
        return switch (status) {
            case 400 -> "There was an issue with the format or content of your request.";
            case 401 -> "invalid x-api-key";
            case 402 -> "Your credit balance is too low to access the Anthropic API.";
            case 403 -> "Your API key does not have permission to use the specified resource.";
            case 404 -> "The requested resource could not be found.";
            case 413 -> "Request exceeds the maximum allowed number of bytes.";
            case 429 -> "Number of request tokens has exceeded your per-minute rate limit.";
            case 504 -> "Request timed out.";
            case 529 -> "Overloaded";
            default -> "Internal server error";
        };
    }

    private static byte[] event(String name, ObjectNode data) {
        return ("event: " + name + "\ndata: " + JSON.writeValueAsString(data) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(JsonNode node) {
        return JSON.writeValueAsBytes(node);
    }
}
