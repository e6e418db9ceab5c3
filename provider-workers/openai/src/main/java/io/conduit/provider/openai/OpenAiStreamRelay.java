package io.conduit.provider.openai;

import io.conduit.provider.openai.internal.ChoicesText;
import io.conduit.provider.openai.internal.UsageReader;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Relays a chat stream of the OpenAI-compatible family, as OpenAI frames it, to the client:
 * <ul>
 *   <li>chunks pass unchanged (the same bytes) unless something below applies;</li>
 *   <li>the usage chunk (empty {@code choices}) the gateway always asks for is dropped when the
 *       client did not ask for it;</li>
 *   <li>usage a provider puts on a chunk with choices (Mistral, Perplexity, Groq's {@code x_groq})
 *       is taken off that chunk and, when the client asked for usage, sent as OpenAI's own usage
 *       chunk just before {@code [DONE]};</li>
 *   <li>usage objects get OpenAI's detail fields when the provider names them differently;</li>
 *   <li>chunks that carry nothing a chat client reads are dropped: empty {@code choices} without
 *       usage (Azure's first chunk with {@code prompt_filter_results}) and choices without a
 *       {@code delta} or finish reason (Azure's asynchronous-filter annotations);</li>
 *   <li>an {@code error} object in a chunk is passed on and reported as {@link #streamFailure()}.</li>
 * </ul>
 */
final class OpenAiStreamRelay implements StreamRelay {

    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private final boolean clientWantsUsage;
    private final UsageReader usageReader;
    private final String usageContainer;
    private final List<byte[]> choicesSeen = new ArrayList<>();
    private TokenUsage usage;
    private byte[] usageToSend;
    private boolean usageChunkSent;
    private boolean done;
    private ChunkIdentity identity = ChunkIdentity.UNKNOWN;
    private ProviderException failure;

    OpenAiStreamRelay(boolean clientWantsUsage, UsageDialect dialect) {
        this.clientWantsUsage = clientWantsUsage;
        this.usageReader = new UsageReader(dialect);
        this.usageContainer = dialect.streamUsageContainer();
    }

    @Override
    public byte[] relay(byte[] event) {
        int[] span = SseEvents.dataSpan(event);
        if (span == null) {
            return event;
        }
        if (isDone(event, span)) {
            done = true;
            return pendingUsageChunkThen(event);
        }
        JsonObjectScan chunk;
        try {
            chunk = JsonObjectScan.parse(event, span[0], span[1]);
        } catch (MalformedJsonException e) {
            return event;
        }
        Optional<JsonMember> error = chunk.member("error").filter(m -> m.type() == JsonType.OBJECT);
        if (error.isPresent()) {
            failure = InBandErrors.read(chunk.rawValue(error.get()));
        }
        Optional<JsonMember> choices = chunk.member("choices").filter(m -> m.type() == JsonType.ARRAY);
        boolean noChoices = choices.map(c -> isEmptyArray(event, c)).orElse(true);
        Optional<JsonMember> topLevelUsage = chunk.member("usage").filter(m -> m.type() == JsonType.OBJECT);
        if (topLevelUsage.isPresent()) {
            return relayTopLevelUsage(event, span, chunk, topLevelUsage.get(), noChoices);
        }
        if (noChoices && error.isEmpty()) {
            return null;
        }
        byte[] choicesRaw = noChoices ? null : chunk.rawValue(choices.get());
        if (choicesRaw != null && ChoicesScan.carriesNothing(choicesRaw)) {
            return null;
        }
        containerUsage(event, chunk);
        remember(chunk, choicesRaw);
        return event;
    }

    private byte[] relayTopLevelUsage(byte[] event, int[] span, JsonObjectScan chunk, JsonMember member,
            boolean noChoices) {
        usage = usageReader.fromUsageObject(event, member.start(), member.end() - member.start());
        byte[] normalized = usageReader.normalized(event, member.start(), member.end() - member.start());
        if (noChoices) {
            if (!clientWantsUsage) {
                return null;
            }
            usageChunkSent = true;
            return normalized == null ? event : withData(event, span, chunk.rewrite(Map.of("usage", normalized), Map.of()));
        }
        // usage on a chunk with choices: OpenAI clients expect it in a chunk of its own
        usageToSend = normalized == null ? chunk.rawValue(member) : normalized;
        remember(chunk, chunk.member("choices").map(chunk::rawValue).orElse(null));
        return withData(event, span, chunk.rewrite(Map.of("usage", NULL), Map.of()));
    }

    private void containerUsage(byte[] event, JsonObjectScan chunk) {
        if (usageContainer == null) {
            return;
        }
        chunk.member(usageContainer).filter(m -> m.type() == JsonType.OBJECT).ifPresent(container -> {
            try {
                JsonObjectScan inner = chunk.objectValue(container);
                inner.member("usage").filter(m -> m.type() == JsonType.OBJECT).ifPresent(m -> {
                    usage = usageReader.fromUsageObject(event, m.start(), m.end() - m.start());
                    usageToSend = inner.rawValue(m);
                });
            } catch (MalformedJsonException e) {
                // the outer chunk was well-formed, so its members are too
            }
        });
    }

    /** Keeps the chunk's identity for a usage chunk of our own, and its choices to count a cut stream's text. */
    private void remember(JsonObjectScan chunk, byte[] choicesRaw) {
        identity = ChunkIdentity.of(chunk, identity);
        if (choicesRaw != null) {
            choicesSeen.add(choicesRaw);
        }
    }

    private byte[] pendingUsageChunkThen(byte[] doneEvent) {
        if (!clientWantsUsage || usageChunkSent || usageToSend == null) {
            return doneEvent;
        }
        usageChunkSent = true;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("data: ".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(identity.usageChunk(usageToSend));
        out.writeBytes("\n\n".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(doneEvent);
        return out.toByteArray();
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
        StringBuilder text = new StringBuilder();
        choicesSeen.forEach(choices -> ChoicesText.append(choices, text));
        return text.toString();
    }

    @Override
    public Optional<ProviderException> streamFailure() {
        return Optional.ofNullable(failure);
    }

    /** The event with its data value replaced (the provider's one-data-line framing kept). */
    private static byte[] withData(byte[] event, int[] span, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(event.length + 16);
        out.write(event, 0, span[0]);
        out.writeBytes(data);
        out.write(event, span[1], event.length - span[1]);
        return out.toByteArray();
    }

    private static boolean isDone(byte[] event, int[] span) {
        return span[1] - span[0] == 6
                && new String(event, span[0], 6, StandardCharsets.US_ASCII).equals("[DONE]");
    }

    private static boolean isEmptyArray(byte[] bytes, JsonMember array) {
        for (int i = array.start() + 1; i < array.end() - 1; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\n' && bytes[i] != '\r' && bytes[i] != '\t') {
                return false;
            }
        }
        return true;
    }
}
