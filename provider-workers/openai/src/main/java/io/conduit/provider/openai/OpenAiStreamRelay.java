package io.conduit.provider.openai;

import io.conduit.provider.openai.internal.ChoicesText;
import io.conduit.provider.openai.internal.UsageReader;
import io.conduit.provider.spi.StreamRelay;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.json.JsonMember;
import io.conduit.provider.spi.json.JsonObjectScan;
import io.conduit.provider.spi.json.JsonType;
import io.conduit.provider.spi.json.MalformedJsonException;
import io.conduit.provider.spi.sse.SseEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Relays an OpenAI chat stream unchanged, except for the final usage chunk, which the gateway
 * always asks for and drops when the client did not ask for it. Remembers the usage, whether
 * {@code [DONE]} passed, and (cheaply, as raw bytes) the choices seen, to count the text of a
 * stream that never reached its usage chunk.
 */
final class OpenAiStreamRelay implements StreamRelay {

    private final boolean clientWantsUsage;
    private final List<byte[]> choicesSeen = new ArrayList<>();
    private TokenUsage usage;
    private boolean done;

    OpenAiStreamRelay(boolean clientWantsUsage) {
        this.clientWantsUsage = clientWantsUsage;
    }

    @Override
    public byte[] relay(byte[] event) {
        int[] span = SseEvents.dataSpan(event);
        if (span == null) {
            return event;
        }
        if (isDone(event, span)) {
            done = true;
            return event;
        }
        JsonObjectScan chunk;
        try {
            chunk = JsonObjectScan.parse(event, span[0], span[1]);
        } catch (MalformedJsonException e) {
            return event;
        }
        Optional<JsonMember> usageMember = chunk.member("usage").filter(m -> m.type() == JsonType.OBJECT);
        Optional<JsonMember> choices = chunk.member("choices").filter(m -> m.type() == JsonType.ARRAY);
        if (usageMember.isPresent()) {
            JsonMember m = usageMember.get();
            usage = UsageReader.fromUsageObject(event, m.start(), m.end() - m.start());
            if (!clientWantsUsage && choices.map(c -> isEmptyArray(event, c)).orElse(true)) {
                return null;
            }
        }
        if (usage == null) {
            choices.filter(c -> !isEmptyArray(event, c)).ifPresent(c -> choicesSeen.add(chunk.rawValue(c)));
        }
        return event;
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

    private static boolean isDone(byte[] event, int[] span) {
        return span[1] - span[0] == 6 && new String(event, span[0], 6, java.nio.charset.StandardCharsets.US_ASCII)
                .equals("[DONE]");
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
