package io.conduit.provider.dialects;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI chat stream as the Responses API's semantic events. Reference:
 * https://platform.openai.com/docs/api-reference/responses-streaming and {@code
 * ResponseStreamEvent} in the OpenAPI description. {@code response.created} and
 * {@code response.in_progress} go out with the first upstream event; each output item is added,
 * streamed and done before the next starts; {@code response.completed} (or
 * {@code response.incomplete}) follows the chat stream's {@code [DONE]}, when usage is known. A
 * failure sends an {@code error} event, then {@code response.failed}.
 */
final class ResponsesStreamTranslator implements DialectStream {

    private final ChatRequest request;
    private final Clock clock;
    private final Sse out = new Sse();
    private final List<Item> items = new ArrayList<>();
    private final Map<Integer, Item> callsByChatIndex = new HashMap<>();
    private Item open;
    private long sequence;
    private boolean started;
    private boolean ended;
    private String finishReason;
    private ChatUsage usage = ChatUsage.NONE;

    ResponsesStreamTranslator(ChatRequest request, Clock clock) {
        this.request = request;
        this.clock = clock;
    }

    @Override
    public byte[] onEvent(byte[] openAiSseEvent) {
        if (ended) {
            return out.drain();
        }
        switch (ChatStreamEvent.parse(openAiSseEvent)) {
            case ChatStreamEvent.Chunk chunk -> chunk(chunk);
            case ChatStreamEvent.Done done -> finish();
            case ChatStreamEvent.Failure failure -> fail(failure.type(), failure.code(), failure.message(),
                    failure.param());
            case ChatStreamEvent.Other other -> { }
        }
        return out.drain();
    }

    @Override
    public byte[] onEnd(boolean upstreamCompleted) {
        if (!ended) {
            if (upstreamCompleted && finishReason != null) {
                finish();
            } else {
                fail("upstream_error", "stream_interrupted", "The upstream stream ended before the response was complete.",
                        null);
            }
        }
        return out.drain();
    }

    private void chunk(ChatStreamEvent.Chunk chunk) {
        start();
        if (!chunk.text().isEmpty()) {
            message().append(Part.TEXT, chunk.text());
        }
        if (!chunk.refusal().isEmpty()) {
            message().append(Part.REFUSAL, chunk.refusal());
        }
        for (ChatStreamEvent.ToolCallDelta call : chunk.toolCalls()) {
            Item item = callsByChatIndex.get(call.index());
            if (item == null) {
                close();
                item = new Item(false, ResponsesResponseMapper.itemId(request, "fc_", items.size()));
                item.callId = ResponsesResponseMapper.callId(call.id());
                item.name = call.name() == null ? "" : call.name();
                add(item);
                callsByChatIndex.put(call.index(), item);
            }
            if (!call.arguments().isEmpty()) {
                item.text.append(call.arguments());
                emit(item.event("response.function_call_arguments.delta").put("delta", call.arguments()));
            }
        }
        if (chunk.finishReason() != null) {
            finishReason = chunk.finishReason();
            close();
        }
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
    }

    private void start() {
        if (started) {
            return;
        }
        started = true;
        emit(Jsons.object().put("type", "response.created").set("response", snapshot("in_progress", null)));
        emit(Jsons.object().put("type", "response.in_progress").set("response", snapshot("in_progress", null)));
    }

    /** The open message item, opening one (and closing a function call) when needed. */
    private Item message() {
        if (open == null || !open.message) {
            close();
            add(new Item(true, ResponsesResponseMapper.itemId(request, "msg_", items.size())));
        }
        return open;
    }

    private void add(Item item) {
        items.add(item);
        open = item;
        emit(item.event("response.output_item.added").set("item", item.snapshot("in_progress")));
    }

    private void close() {
        if (open == null) {
            return;
        }
        Item item = open;
        open = null;
        if (item.message) {
            item.closePart();
        } else {
            emit(item.event("response.function_call_arguments.done").put("name", item.name)
                    .put("arguments", item.text.toString()));
        }
        item.done = true;
        emit(item.event("response.output_item.done").set("item", item.snapshot("completed")));
    }

    private void finish() {
        start();
        close();
        if (items.isEmpty()) {
            message().append(Part.TEXT, "");
            close();
        }
        ObjectNode response = ResponsesResponseMapper.finished(request, finishReason, output(), usage,
                clock.instant().getEpochSecond());
        String status = response.get("status").stringValue();
        emit(Jsons.object().put("type", "response." + status).set("response", response));
        ended = true;
    }

    /** Rate limits read as such; every other failure mid-stream is a server error. */
    private void fail(String type, String code, String message, String param) {
        start();
        ObjectNode error = Jsons.object().put("type", "error").put("code", code == null ? type : code)
                .put("message", message).put("param", param);
        emit(error);
        boolean rateLimited = String.valueOf(type).contains("rate_limit") || String.valueOf(code).contains("rate_limit");
        ObjectNode failed = snapshot("failed", null);
        failed.putObject("error").put("code", rateLimited ? "rate_limit_exceeded" : "server_error")
                .put("message", message);
        emit(Jsons.object().put("type", "response.failed").set("response", failed));
        ended = true;
    }

    private ObjectNode snapshot(String status, ChatUsage known) {
        return ResponsesResponseMapper.response(request, status, output(), known);
    }

    private ArrayNode output() {
        ArrayNode output = Jsons.array();
        for (Item item : items) {
            output.add(item.snapshot(item.done ? "completed" : "incomplete"));
        }
        return output;
    }

    private void emit(ObjectNode event) {
        ObjectNode numbered = Jsons.object().put("type", event.get("type").stringValue())
                .put("sequence_number", sequence++);
        event.properties().forEach(member -> {
            if (!member.getKey().equals("type")) {
                numbered.set(member.getKey(), member.getValue());
            }
        });
        out.event(event.get("type").stringValue(), numbered);
    }

    private enum Part { TEXT, REFUSAL }

    /** One output item as it streams: a message (with its content parts) or a function call. */
    private final class Item {

        final boolean message;
        final String id;
        final int outputIndex;
        final List<ObjectNode> parts = new ArrayList<>();
        final StringBuilder text = new StringBuilder();
        Part part;
        String callId;
        String name;
        boolean done;

        Item(boolean message, String id) {
            this.message = message;
            this.id = id;
            this.outputIndex = items.size();
        }

        ObjectNode event(String type) {
            return Jsons.object().put("type", type).put("item_id", id).put("output_index", outputIndex);
        }

        void append(Part kind, String delta) {
            if (part != kind) {
                closePart();
                part = kind;
                emit(partEvent("response.content_part.added").set("part", partSnapshot()));
            }
            if (delta.isEmpty()) {
                return;
            }
            text.append(delta);
            ObjectNode event = partEvent(kind == Part.TEXT ? "response.output_text.delta" : "response.refusal.delta")
                    .put("delta", delta);
            if (kind == Part.TEXT) {
                event.putArray("logprobs");
            }
            emit(event);
        }

        void closePart() {
            if (part == null) {
                return;
            }
            ObjectNode finished = partSnapshot();
            ObjectNode done = part == Part.TEXT
                    ? partEvent("response.output_text.done").put("text", text.toString())
                    : partEvent("response.refusal.done").put("refusal", text.toString());
            if (part == Part.TEXT) {
                done.putArray("logprobs");
            }
            emit(done);
            emit(partEvent("response.content_part.done").set("part", finished));
            parts.add(finished);
            part = null;
            text.setLength(0);
        }

        private ObjectNode partEvent(String type) {
            return event(type).put("content_index", parts.size());
        }

        private ObjectNode partSnapshot() {
            return part == Part.TEXT
                    ? ResponsesResponseMapper.textPart(text.toString())
                    : ResponsesResponseMapper.refusalPart(text.toString());
        }

        ObjectNode snapshot(String status) {
            if (!message) {
                return ResponsesResponseMapper.functionCallItem(id, callId, name, text.toString(), status);
            }
            ArrayNode content = Jsons.array();
            parts.forEach(content::add);
            if (part != null && status.equals("incomplete")) {
                content.add(partSnapshot());
            }
            return ResponsesResponseMapper.messageItem(id, status, content);
        }
    }
}
