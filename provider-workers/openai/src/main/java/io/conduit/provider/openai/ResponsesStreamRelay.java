package io.conduit.provider.openai;

import io.conduit.contracts.json.Json;
import io.conduit.provider.openai.internal.ResponseUsageReader;
import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.StreamRelay;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.json.JsonMember;
import io.conduit.provider.spi.json.JsonObjectScan;
import io.conduit.provider.spi.json.JsonType;
import io.conduit.provider.spi.json.MalformedJsonException;
import io.conduit.provider.spi.sse.SseEvents;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Relays a Responses API stream ({@code event: <type>} / {@code data: {"type":…,"sequence_number":…}}
 * events, no {@code [DONE]}) to the client unchanged, except that the {@code response} snapshots of
 * {@code response.created}, {@code .in_progress}, {@code .completed}, {@code .incomplete} and
 * {@code .failed} show the client's model. Keeps for accounting: the usage of the terminal event,
 * whether one passed, the failure an {@code error} or {@code response.failed} event reports, and
 * the generated text of the delta events. A stream the gateway breaks off ends, in the same
 * numbering, with an {@code error} event and a {@code response.failed} built on the last snapshot.
 */
final class ResponsesStreamRelay implements StreamRelay {

    private static final Set<String> TEXT_DELTAS = Set.of("response.output_text.delta", "response.refusal.delta",
            "response.function_call_arguments.delta", "response.custom_tool_call_input.delta",
            "response.reasoning_text.delta", "response.reasoning_summary_text.delta");
    private static final Set<String> TERMINAL = Set.of("response.completed", "response.incomplete", "response.failed");

    private final byte[] clientModel;
    private final StringBuilder text = new StringBuilder();
    private TokenUsage usage;
    private boolean terminal;
    private ProviderException failure;
    private long nextSequence;
    private byte[] lastSnapshot;

    /** @param clientModel the model to show, as a raw JSON string; null to show the provider's */
    ResponsesStreamRelay(byte[] clientModel) {
        this.clientModel = clientModel;
    }

    @Override
    public byte[] relay(byte[] event) {
        int[] span = SseEvents.dataSpan(event);
        if (span == null) {
            return event;
        }
        JsonObjectScan data;
        try {
            data = JsonObjectScan.parse(event, span[0], span[1]);
        } catch (MalformedJsonException e) {
            return event;
        }
        data.member("sequence_number").filter(m -> m.type() == JsonType.NUMBER)
                .ifPresent(m -> nextSequence = Math.max(nextSequence, parseLong(data.rawValue(m)) + 1));
        String type = string(data, "type");
        if (type == null) {
            return event;
        }
        if (TEXT_DELTAS.contains(type)) {
            String delta = string(data, "delta");
            if (delta != null) {
                text.append(delta);
            }
            return event;
        }
        if (type.equals("error")) {
            failure = ResponseFailures.of(tree(data.bytes(), span[0], span[1] - span[0]));
            return event;
        }
        Optional<JsonMember> response = data.member("response").filter(m -> m.type() == JsonType.OBJECT);
        return response.isEmpty() ? event : relayResponse(event, span, data, response.get(), type);
    }

    private byte[] relayResponse(byte[] event, int[] span, JsonObjectScan data, JsonMember member, String type) {
        JsonObjectScan response;
        try {
            response = data.objectValue(member);
        } catch (MalformedJsonException e) {
            return event;
        }
        byte[] shown = clientModel == null || response.member("model").isEmpty() ? null
                : response.rewrite(Map.of("model", clientModel), Map.of());
        if (TERMINAL.contains(type)) {
            terminal = true;
            response.member("usage").filter(m -> m.type() == JsonType.OBJECT).ifPresent(m ->
                    usage = ResponseUsageReader.fromUsage(tree(data.bytes(), m.start(), m.end() - m.start())));
            if (type.equals("response.failed") && failure == null) {
                failure = ResponseFailures.of(response.member("error").filter(m -> m.type() == JsonType.OBJECT)
                        .map(m -> tree(data.bytes(), m.start(), m.end() - m.start()))
                        .orElseGet(() -> Json.mapper().missingNode()));
            }
        } else {
            lastSnapshot = shown != null ? shown : data.rawValue(member);
        }
        return shown == null ? event : withData(event, span, data.rewrite(Map.of("response", shown), Map.of()));
    }

    @Override
    public Optional<TokenUsage> reportedUsage() {
        return Optional.ofNullable(usage);
    }

    /** Whether the terminal event ({@code response.completed}, {@code .incomplete} or {@code .failed}) passed. */
    @Override
    public boolean completed() {
        return terminal;
    }

    @Override
    public String generatedText() {
        return text.toString();
    }

    @Override
    public Optional<ProviderException> streamFailure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public Optional<byte[]> interruption(ProviderError error) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ObjectNode errorEvent = Json.mapper().createObjectNode().put("type", "error")
                .put("sequence_number", nextSequence++).put("code", error.code()).put("message", error.message())
                .put("param", error.param());
        write(out, "error", Json.mapper().writeValueAsBytes(errorEvent));
        if (lastSnapshot != null) {
            try {
                byte[] failed = JsonObjectScan.parse(lastSnapshot).rewrite(Map.of(
                        "status", ascii("\"failed\""),
                        "error", Json.mapper().writeValueAsBytes(Json.mapper().createObjectNode()
                                .put("code", "server_error").put("message", error.message()))), Map.of());
                byte[] head = ascii("{\"type\":\"response.failed\",\"sequence_number\":" + nextSequence++ + ",\"response\":");
                byte[] failedEvent = new byte[head.length + failed.length + 1];
                System.arraycopy(head, 0, failedEvent, 0, head.length);
                System.arraycopy(failed, 0, failedEvent, head.length, failed.length);
                failedEvent[failedEvent.length - 1] = '}';
                write(out, "response.failed", failedEvent);
            } catch (MalformedJsonException e) {
                // the snapshot was read from a well-formed event: cannot happen
            }
        }
        return Optional.of(out.toByteArray());
    }

    private static void write(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(ascii("event: " + type + "\ndata: "));
        out.writeBytes(data);
        out.writeBytes(ascii("\n\n"));
    }

    private static String string(JsonObjectScan object, String name) {
        return object.member(name).filter(m -> m.type() == JsonType.STRING).map(object::stringValue).orElse(null);
    }

    private static JsonNode tree(byte[] bytes, int offset, int length) {
        try {
            return Json.mapper().readTree(bytes, offset, length);
        } catch (JacksonException e) {
            return Json.mapper().missingNode();
        }
    }

    private static long parseLong(byte[] raw) {
        try {
            return Long.parseLong(new String(raw, StandardCharsets.US_ASCII).strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The event with its data value replaced (the provider's framing kept). */
    private static byte[] withData(byte[] event, int[] span, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(event.length + 16);
        out.write(event, 0, span[0]);
        out.writeBytes(data);
        out.write(event, span[1], event.length - span[1]);
        return out.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
