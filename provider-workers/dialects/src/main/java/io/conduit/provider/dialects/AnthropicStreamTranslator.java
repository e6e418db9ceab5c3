package io.conduit.provider.dialects;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI chat stream as Anthropic's Messages stream. Reference:
 * https://docs.anthropic.com/en/docs/build-with-claude/streaming. Sends {@code message_start} and
 * a {@code ping} with the first upstream event; one block open at a time, text and tool_use blocks
 * numbered in the order they start; {@code message_delta} and {@code message_stop} once the chat
 * stream's {@code [DONE]} has passed (usage comes in the chunk just before it). The input tokens
 * are not known when {@code message_start} goes out, so it says 0 and {@code message_delta}
 * carries the real counts.
 */
final class AnthropicStreamTranslator implements DialectStream {

    private final ChatRequest request;
    private final Sse out = new Sse();
    private final Map<Integer, Integer> toolBlocks = new HashMap<>();
    private boolean started;
    private boolean ended;
    private int nextBlock;
    private int openBlock = -1;
    private boolean textOpen;
    private boolean sawText;
    private boolean sawRefusal;
    private String finishReason;
    private ChatUsage usage = ChatUsage.NONE;

    AnthropicStreamTranslator(ChatRequest request) {
        this.request = request;
    }

    @Override
    public byte[] onEvent(byte[] openAiSseEvent) {
        if (ended) {
            return out.drain();
        }
        switch (ChatStreamEvent.parse(openAiSseEvent)) {
            case ChatStreamEvent.Chunk chunk -> chunk(chunk);
            case ChatStreamEvent.Done done -> finish();
            case ChatStreamEvent.Failure failure -> fail(AnthropicErrors.streamErrorType(failure.type(), failure.code()),
                    failure.message());
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
                fail("api_error", "The upstream stream ended before the answer was complete.");
            }
        }
        return out.drain();
    }

    private void chunk(ChatStreamEvent.Chunk chunk) {
        start();
        String text = chunk.text() + chunk.refusal();
        sawText |= !chunk.text().isEmpty();
        sawRefusal |= !chunk.refusal().isEmpty();
        if (!text.isEmpty()) {
            if (!textOpen) {
                closeBlock();
                openBlock(Jsons.object().put("type", "text").put("text", ""));
                textOpen = true;
            }
            delta(openBlock, Jsons.object().put("type", "text_delta").put("text", text));
        }
        for (ChatStreamEvent.ToolCallDelta call : chunk.toolCalls()) {
            Integer block = toolBlocks.get(call.index());
            if (block == null) {
                closeBlock();
                ObjectNode toolUse = Jsons.object().put("type", "tool_use")
                        .put("id", call.id() == null ? Ids.anthropic("toolu_") : call.id())
                        .put("name", request.clientToolName(call.name() == null ? "" : call.name()));
                toolUse.putObject("input");
                block = openBlock(toolUse);
                toolBlocks.put(call.index(), block);
            }
            if (!call.arguments().isEmpty()) {
                delta(block, Jsons.object().put("type", "input_json_delta").put("partial_json", call.arguments()));
            }
        }
        if (chunk.finishReason() != null) {
            finishReason = chunk.finishReason();
            closeBlock();
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
        ObjectNode message = Jsons.object();
        message.put("id", request.responseId());
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", request.clientModel());
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.set("usage", AnthropicResponseMapper.usage(ChatUsage.NONE));
        ObjectNode event = Jsons.object().put("type", "message_start");
        event.set("message", message);
        out.event("message_start", event);
        out.event("ping", Jsons.object().put("type", "ping"));
    }

    private int openBlock(ObjectNode contentBlock) {
        openBlock = nextBlock++;
        ObjectNode event = Jsons.object().put("type", "content_block_start").put("index", openBlock);
        event.set("content_block", contentBlock);
        out.event("content_block_start", event);
        return openBlock;
    }

    private void delta(int index, ObjectNode delta) {
        ObjectNode event = Jsons.object().put("type", "content_block_delta").put("index", index);
        event.set("delta", delta);
        out.event("content_block_delta", event);
    }

    private void closeBlock() {
        if (openBlock >= 0) {
            out.event("content_block_stop", Jsons.object().put("type", "content_block_stop").put("index", openBlock));
            openBlock = -1;
            textOpen = false;
        }
    }

    private void finish() {
        start();
        closeBlock();
        ObjectNode event = Jsons.object().put("type", "message_delta");
        event.putObject("delta")
                .put("stop_reason", AnthropicResponseMapper.stopReason(finishReason, !toolBlocks.isEmpty(),
                        sawRefusal && !sawText))
                .putNull("stop_sequence");
        event.set("usage", AnthropicResponseMapper.usage(usage));
        out.event("message_delta", event);
        out.event("message_stop", Jsons.object().put("type", "message_stop"));
        ended = true;
    }

    private void fail(String type, String message) {
        out.event("error", AnthropicErrors.body(type, message));
        ended = true;
    }
}
