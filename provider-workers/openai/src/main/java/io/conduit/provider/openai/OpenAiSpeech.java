package io.conduit.provider.openai;

import io.conduit.contracts.json.JsonStrings;
import io.conduit.contracts.usage.MediaUsage;
import io.conduit.provider.openai.internal.ObjectEdit;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.Speech;
import io.conduit.provider.spi.UpstreamRequest;
import io.conduit.provider.spi.json.JsonType;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * OpenAI's {@code /audio/speech} ({@code tts-1}, {@code tts-1-hd}, {@code gpt-4o-mini-tts}): the
 * request passes through with the model rewritten and {@code stream_format} left out (the answer is
 * always the audio file itself, never server-sent events). The content type is the provider's when
 * it names an audio type, else the one of the {@code response_format} asked for. Units: characters
 * of {@code input}.
 */
final class OpenAiSpeech implements Speech {

    /** {@code response_format} → content type; {@code pcm} is raw 24 kHz 16-bit signed little-endian mono. */
    static final Map<String, String> CONTENT_TYPES = Map.of(
            "mp3", "audio/mpeg",
            "opus", "audio/opus",
            "aac", "audio/aac",
            "flac", "audio/flac",
            "wav", "audio/wav",
            "pcm", "audio/pcm");

    private final OpenAiPreset preset;

    OpenAiSpeech(OpenAiPreset preset) {
        this.preset = preset;
    }

    @Override
    public UpstreamRequest request(ProviderEndpoint endpoint, InboundCall call) {
        byte[] model = JsonStrings.quoteUtf8(call.providerModel());
        ObjectEdit edit = new ObjectEdit(call.body()).replace("model", model).add("model", model).drop("stream_format");
        return new UpstreamRequest(UpstreamRoutes.uri(preset, endpoint, "/audio/speech", call.providerModel()),
                MediaRequests.headers(preset, endpoint, "application/json", formatContentType(call)), edit.toBytes());
    }

    @Override
    public Answer answer(InboundCall call, Function<String, String> responseHeader) {
        String header = responseHeader.apply("content-type");
        String contentType = header != null && header.toLowerCase(Locale.ROOT).startsWith("audio/") ? header
                : formatContentType(call);
        String input = call.body().member("input").filter(m -> m.type() == JsonType.STRING)
                .map(m -> call.body().stringValue(m)).orElse("");
        long characters = input.codePointCount(0, input.length());
        return new Answer(contentType, new MediaUsage(0, null, null, 0, null, 0, characters));
    }

    private static String formatContentType(InboundCall call) {
        String format = call.body().member("response_format").filter(m -> m.type() == JsonType.STRING)
                .map(m -> call.body().stringValue(m).strip().toLowerCase(Locale.ROOT)).orElse("mp3");
        return CONTENT_TYPES.getOrDefault(format, "application/octet-stream");
    }
}
