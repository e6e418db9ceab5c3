package io.conduit.provider.gemini;

import io.conduit.contracts.error.ErrorEnvelope;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.StreamRelay;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.sse.SseEvents;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Relays {@code streamGenerateContent?alt=sse}: each event is {@code data: <GenerateContentResponse>}
 * ended by {@code \r\n\r\n}, every one carrying the usage so far, the last one the finish reason,
 * and no end marker follows. Each event becomes one OpenAI {@code chat.completion.chunk} (text as
 * {@code content}, thought parts as {@code reasoning_content}, whole function calls as
 * {@code tool_calls}); the event with the finish reason is followed by the finish chunk, the usage
 * chunk when the client asked for it, and {@code data: [DONE]}: only then is the stream
 * {@link #completed()}.
 *
 * <p>An {@code error} object in an event (Google's in-band failure) becomes an OpenAI error event
 * and {@link #streamFailure()}; as it is the provider's last word, the stream then counts as ended
 * too, so the gateway records the provider's error rather than a cut stream.
 */
final class GeminiStreamRelay implements StreamRelay {

    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final boolean clientWantsUsage;
    private final String requestedModel;
    private final long created;
    private final GeminiErrorMapper errors;
    private final StringBuilder generated = new StringBuilder();
    private String id;
    private String model;
    private boolean roleSent;
    private int callsSeen;
    private JsonNode lastUsage = MissingNode.getInstance();
    private TokenUsage usage;
    private boolean done;
    private ProviderException failure;

    GeminiStreamRelay(boolean clientWantsUsage, String requestedModel, long created, GeminiErrorMapper errors) {
        this.clientWantsUsage = clientWantsUsage;
        this.requestedModel = requestedModel;
        this.created = created;
        this.errors = errors;
    }

    @Override
    public byte[] relay(byte[] event) {
        if (done) {
            return null;
        }
        int[] span = SseEvents.dataSpan(event);
        JsonNode response = span == null ? null : GeminiJson.parseOrNull(event, span[0], span[1] - span[0]);
        if (response == null || !response.isObject()) {
            return null; // comments, keep-alives and anything unreadable carry no answer
        }
        if (response.path("error").isObject()) {
            return fail(response.path("error"));
        }
        GeminiTurn turn = GeminiTurn.read(response, callsSeen);
        if (id == null) {
            id = OpenAiChat.completionId(turn.responseId());
            model = turn.modelVersion() != null ? turn.modelVersion() : requestedModel;
        }
        if (turn.usage().isObject()) {
            lastUsage = turn.usage();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        ObjectNode delta = GeminiJson.MAPPER.createObjectNode();
        if (!turn.text().isEmpty()) {
            delta.put("content", turn.text());
        }
        if (!turn.reasoning().isEmpty()) {
            delta.put("reasoning_content", turn.reasoning());
        }
        if (!turn.toolCalls().isEmpty()) {
            delta.set("tool_calls", OpenAiChat.toolCalls(turn.toolCalls(), callsSeen, true));
            turn.toolCalls().forEach(call -> generated.append(call.argumentsJson()));
            callsSeen += turn.toolCalls().size();
        }
        generated.append(turn.reasoning()).append(turn.text());
        if (!delta.isEmpty()) {
            write(out, chunk(withRole(delta), null));
        }
        if (turn.finished()) {
            write(out, chunk(withRole(GeminiJson.MAPPER.createObjectNode()),
                    FinishReasons.openAi(turn.finishReason(), turn.blockReason(), callsSeen > 0)));
            usage = GeminiUsage.tokens(lastUsage);
            if (clientWantsUsage) {
                ObjectNode usageChunk = OpenAiChat.head(id, "chat.completion.chunk", created, model);
                usageChunk.putArray("choices");
                usageChunk.set("usage", GeminiUsage.openAi(usage));
                write(out, usageChunk);
            }
            out.writeBytes(DONE);
            done = true;
        }
        return out.size() == 0 ? null : out.toByteArray();
    }

    private byte[] fail(JsonNode error) {
        failure = errors.fromErrorObject(200, error, name -> null);
        done = true;
        byte[] json = ErrorEnvelope.json(failure.error().message(), failure.error().type(), null, failure.error().code());
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length + 8);
        out.writeBytes("data: ".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(json);
        out.writeBytes("\n\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private ObjectNode withRole(ObjectNode delta) {
        if (!roleSent) {
            roleSent = true;
            ObjectNode withRole = GeminiJson.MAPPER.createObjectNode().put("role", "assistant");
            withRole.setAll(delta);
            return withRole;
        }
        return delta;
    }

    private ObjectNode chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = OpenAiChat.head(id, "chat.completion.chunk", created, model);
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    private static void write(ByteArrayOutputStream out, ObjectNode chunk) {
        out.writeBytes("data: ".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(GeminiJson.bytes(chunk));
        out.writeBytes("\n\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public Optional<TokenUsage> reportedUsage() {
        return Optional.ofNullable(usage);
    }

    @Override
    public boolean completed() {
        return done;
    }

    @Override
    public String generatedText() {
        return generated.toString();
    }

    @Override
    public Optional<ProviderException> streamFailure() {
        return Optional.ofNullable(failure);
    }
}
