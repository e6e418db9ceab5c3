package io.conduit.provider.openai.fake;

import io.conduit.provider.testkit.contract.FakeAnswer;
import io.conduit.provider.testkit.contract.FakeAnswer.ToolCall;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders a {@link FakeAnswer} as OpenAI's Responses API does ({@code POST /v1/responses}; {@code
 * CreateResponse}, {@code Response} and {@code ResponseStreamEvent} in the OpenAPI description,
 * https://platform.openai.com/docs/api-reference/responses and .../responses-streaming): a
 * {@code response} object echoing the request's parameters, or its stream: {@code event: <type>}
 * plus {@code data: {"type":…,"sequence_number":n,…}} per event, numbered from 0, from
 * {@code response.created} to {@code response.completed} (or {@code response.incomplete}), with no
 * {@code [DONE]}. Requests are checked as OpenAI does: unknown parameters (including
 * {@code stream_options.include_usage}, which only chat completions know) are a 400.
 */
final class FakeResponsesRenderer {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int TEXT_PIECE = 6;
    private static final int ARGUMENT_PIECE = 9;
    private static final AtomicLong IDS = new AtomicLong(1);
    private static final long CREATED_AT = 1_750_000_000L;

    /** Top-level fields of {@code CreateResponse}. */
    static final Set<String> REQUEST_FIELDS = Set.of("background", "context_management", "conversation", "include",
            "input", "instructions", "max_output_tokens", "max_tool_calls", "metadata", "model", "moderation",
            "parallel_tool_calls", "previous_response_id", "prompt", "prompt_cache_key", "prompt_cache_options",
            "prompt_cache_retention", "reasoning", "safety_identifier", "service_tier", "store", "stream",
            "stream_options", "temperature", "text", "tool_choice", "tools", "top_logprobs", "top_p", "truncation",
            "user");

    private FakeResponsesRenderer() {}

    /** OpenAI's 400 for a request it would refuse, if any. */
    static Optional<FakeErrors.Answer> invalid(JsonNode request) {
        for (String field : request.propertyNames()) {
            if (!REQUEST_FIELDS.contains(field)) {
                return Optional.of(badRequest("Unknown parameter: '" + field + "'.", field, "unknown_parameter"));
            }
        }
        for (String option : request.path("stream_options").propertyNames()) {
            if (!option.equals("include_obfuscation")) {
                String param = "stream_options." + option;
                return Optional.of(badRequest("Unknown parameter: '" + param + "'.", param, "unknown_parameter"));
            }
        }
        if (!request.path("model").isString()) {
            return Optional.of(badRequest("Missing required parameter: 'model'.", "model", "missing_required_parameter"));
        }
        if (request.hasNonNull("previous_response_id")) {
            String id = request.path("previous_response_id").asString("");
            return Optional.of(new FakeErrors.Answer(400, "{\"error\":{\"message\":\"Previous response with id '" + id
                    + "' not found.\",\"type\":\"invalid_request_error\",\"param\":\"previous_response_id\","
                    + "\"code\":\"previous_response_not_found\"}}", Map.of()));
        }
        return Optional.empty();
    }

    static String plainBody(FakeAnswer answer, JsonNode request) {
        Response response = new Response(request);
        List<ObjectNode> output = new ArrayList<>();
        for (Item item : items(answer, response.id)) {
            output.add(item.snapshot("completed", item.text));
        }
        return write(response.finished(answer, output));
    }

    /** Every event of the stream, each framed as {@code event: <type>\ndata: {...}\n\n}. */
    static List<String> streamEvents(FakeAnswer answer, JsonNode request) {
        Response response = new Response(request);
        Events events = new Events();
        events.add("response.created", JSON.createObjectNode().set("response", response.snapshot("in_progress", List.of())));
        events.add("response.in_progress", JSON.createObjectNode().set("response", response.snapshot("in_progress", List.of())));
        List<ObjectNode> output = new ArrayList<>();
        List<Item> items = items(answer, response.id);
        for (int index = 0; index < items.size(); index++) {
            Item item = items.get(index);
            events.add("response.output_item.added", JSON.createObjectNode().put("output_index", index)
                    .set("item", item.snapshot("in_progress", "")));
            switch (item.kind) {
                case MESSAGE -> {
                    events.add("response.content_part.added", item.partEvent(index).set("part", outputText("")));
                    for (String piece : FakeChatRenderer.pieces(item.text, TEXT_PIECE)) {
                        ObjectNode delta = item.partEvent(index).put("delta", piece);
                        delta.putArray("logprobs");
                        events.add("response.output_text.delta", delta);
                    }
                    ObjectNode done = item.partEvent(index).put("text", item.text);
                    done.putArray("logprobs");
                    events.add("response.output_text.done", done);
                    events.add("response.content_part.done", item.partEvent(index).set("part", outputText(item.text)));
                }
                case FUNCTION_CALL -> {
                    for (String piece : FakeChatRenderer.pieces(item.text, ARGUMENT_PIECE)) {
                        events.add("response.function_call_arguments.delta", JSON.createObjectNode()
                                .put("item_id", item.id).put("output_index", index).put("delta", piece));
                    }
                    events.add("response.function_call_arguments.done", JSON.createObjectNode().put("item_id", item.id)
                            .put("output_index", index).put("name", item.name).put("arguments", item.text));
                }
                case REASONING -> { }
            }
            ObjectNode finished = item.snapshot("completed", item.text);
            output.add(finished);
            events.add("response.output_item.done", JSON.createObjectNode().put("output_index", index).set("item", finished));
        }
        ObjectNode last = response.finished(answer, output);
        events.add("response." + last.path("status").asString(), JSON.createObjectNode().set("response", last));
        return events.list;
    }

    private static List<Item> items(FakeAnswer answer, String responseId) {
        String random = responseId.substring("resp_".length());
        List<Item> items = new ArrayList<>();
        if (!answer.reasoning().isEmpty()) {
            items.add(new Item(Kind.REASONING, "rs_" + random + "00", "", null, null));
        }
        if (answer.toolCalls().isEmpty() || !answer.text().isEmpty()) {
            items.add(new Item(Kind.MESSAGE, "msg_" + random + "%02d".formatted(items.size()), answer.text(), null, null));
        }
        for (ToolCall call : answer.toolCalls()) {
            items.add(new Item(Kind.FUNCTION_CALL, "fc_" + random + "%02d".formatted(items.size()), call.argumentsJson(),
                    call.name(), call.id()));
        }
        return items;
    }

    private static ObjectNode outputText(String text) {
        ObjectNode part = JSON.createObjectNode().put("type", "output_text");
        part.putArray("annotations");
        part.putArray("logprobs");
        return part.put("text", text);
    }

    private static FakeErrors.Answer badRequest(String message, String param, String code) {
        return new FakeErrors.Answer(400, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\","
                + "\"param\":\"" + param + "\",\"code\":\"" + code + "\"}}", Map.of());
    }

    private static String write(JsonNode node) {
        return JSON.writeValueAsString(node);
    }

    private enum Kind { MESSAGE, FUNCTION_CALL, REASONING }

    /** One output item: its text is the message's text or the call's arguments. */
    private record Item(Kind kind, String id, String text, String name, String callId) {

        ObjectNode partEvent(int outputIndex) {
            return JSON.createObjectNode().put("item_id", id).put("output_index", outputIndex).put("content_index", 0);
        }

        ObjectNode snapshot(String status, String textSoFar) {
            ObjectNode item = JSON.createObjectNode().put("id", id);
            switch (kind) {
                case MESSAGE -> {
                    item.put("type", "message").put("status", status);
                    ArrayNode content = item.putArray("content");
                    if (status.equals("completed")) {
                        content.add(outputText(textSoFar));
                    }
                    item.put("role", "assistant");
                }
                case FUNCTION_CALL -> item.put("type", "function_call").put("status", status).put("arguments", textSoFar)
                        .put("call_id", callId).put("name", name);
                case REASONING -> item.put("type", "reasoning").putArray("summary");
            }
            return item;
        }
    }

    /** The response object of one request, with the request's parameters echoed in OpenAI's order. */
    private static final class Response {

        final String id;
        final JsonNode request;

        Response(JsonNode request) {
            byte[] random = new byte[24];
            long n = IDS.getAndIncrement();
            for (int i = 0; i < 8; i++) {
                random[i] = (byte) (n >>> (8 * i));
            }
            this.id = "resp_" + HexFormat.of().formatHex(random);
            this.request = request;
        }

        ObjectNode snapshot(String status, List<ObjectNode> output) {
            ObjectNode response = JSON.createObjectNode();
            response.put("id", id).put("object", "response").put("created_at", CREATED_AT).put("status", status);
            response.put("background", request.path("background").asBoolean(false));
            response.putNull("completed_at");
            response.putNull("error");
            response.putNull("incomplete_details");
            response.set("instructions", echo("instructions"));
            response.set("max_output_tokens", echo("max_output_tokens"));
            response.set("max_tool_calls", echo("max_tool_calls"));
            response.put("model", request.path("model").asString());
            ArrayNode items = response.putArray("output");
            output.forEach(items::add);
            response.put("parallel_tool_calls", request.path("parallel_tool_calls").asBoolean(true));
            response.set("previous_response_id", echo("previous_response_id"));
            response.set("prompt_cache_key", echo("prompt_cache_key"));
            ObjectNode reasoning = response.putObject("reasoning");
            reasoning.set("effort", request.path("reasoning").path("effort").isString()
                    ? request.path("reasoning").get("effort") : JSON.getNodeFactory().nullNode());
            reasoning.putNull("summary");
            response.set("safety_identifier", echo("safety_identifier"));
            response.put("service_tier", "default");
            response.put("store", request.path("store").asBoolean(true));
            response.put("temperature", request.path("temperature").asDouble(1.0));
            ObjectNode text = response.putObject("text");
            text.set("format", request.path("text").path("format").isObject() ? request.path("text").get("format")
                    : JSON.createObjectNode().put("type", "text"));
            text.put("verbosity", request.path("text").path("verbosity").asString("medium"));
            response.set("tool_choice", request.has("tool_choice") ? request.get("tool_choice")
                    : JSON.getNodeFactory().stringNode("auto"));
            response.set("tools", request.path("tools").isArray() ? request.get("tools") : JSON.createArrayNode());
            response.put("top_logprobs", request.path("top_logprobs").asInt(0));
            response.put("top_p", request.path("top_p").asDouble(1.0));
            response.put("truncation", request.path("truncation").asString("disabled"));
            response.putNull("usage");
            response.set("user", echo("user"));
            response.set("metadata", request.path("metadata").isObject() ? request.get("metadata") : JSON.createObjectNode());
            return response;
        }

        /** {@code completed}, or {@code incomplete} when the answer stopped at the length limit or the filter. */
        ObjectNode finished(FakeAnswer answer, List<ObjectNode> output) {
            String reason = switch (answer.finish()) {
                case LENGTH -> "max_output_tokens";
                case CONTENT_FILTER -> "content_filter";
                default -> null;
            };
            ObjectNode response = snapshot(reason == null ? "completed" : "incomplete", output);
            if (reason == null) {
                response.put("completed_at", CREATED_AT + 1);
            } else {
                response.putObject("incomplete_details").put("reason", reason);
            }
            FakeAnswer.Usage usage = answer.usage();
            ObjectNode counts = JSON.createObjectNode();
            counts.put("input_tokens", usage.promptTokens());
            counts.putObject("input_tokens_details").put("cached_tokens", usage.cachedTokens()).put("cache_write_tokens", 0);
            counts.put("output_tokens", usage.completionTokens());
            counts.putObject("output_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
            counts.put("total_tokens", usage.promptTokens() + usage.completionTokens());
            response.set("usage", counts);
            return response;
        }

        private JsonNode echo(String field) {
            JsonNode value = request.get(field);
            return value == null ? JSON.getNodeFactory().nullNode() : value;
        }
    }

    /** Numbers and frames the events of one stream. */
    private static final class Events {

        final List<String> list = new ArrayList<>();
        long sequence;

        void add(String type, ObjectNode fields) {
            ObjectNode event = JSON.createObjectNode().put("type", type).put("sequence_number", sequence++);
            fields.properties().forEach(member -> event.set(member.getKey(), member.getValue()));
            list.add("event: " + type + "\ndata: " + write(event) + "\n\n");
        }
    }
}
