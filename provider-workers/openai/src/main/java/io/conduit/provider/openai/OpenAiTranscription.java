package io.conduit.provider.openai;

import static io.conduit.provider.openai.MediaRequests.count;

import io.conduit.contracts.usage.MediaUsage;
import io.conduit.provider.spi.MultipartForm;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.Transcription;
import io.conduit.provider.spi.UpstreamRequest;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI's {@code /audio/transcriptions} and {@code /audio/translations} ({@code whisper-1},
 * {@code gpt-4o-transcribe}, {@code gpt-4o-mini-transcribe}): the client's form re-encoded with the
 * model rewritten and {@code stream} left out (a job stores a whole transcript). The answer passes
 * through in the format asked for. Units: audio milliseconds from {@code usage} of type
 * {@code duration} or a {@code verbose_json} {@code duration}, else as the caller measured them;
 * tokens from {@code usage} of type {@code tokens} (the GPT-4o transcribe models).
 */
final class OpenAiTranscription implements Transcription {

    private final OpenAiPreset preset;

    OpenAiTranscription(OpenAiPreset preset) {
        this.preset = preset;
    }

    @Override
    public UpstreamRequest request(ProviderEndpoint endpoint, Call call) {
        String operation = call.task() == Task.TRANSLATE ? "/audio/translations" : "/audio/transcriptions";
        MultipartForm.Encoded encoded = call.form().withField("model", call.providerModel()).without("stream").encode();
        return new UpstreamRequest(UpstreamRoutes.uri(preset, endpoint, operation, call.providerModel()),
                MediaRequests.headers(preset, endpoint, encoded.contentType(), "application/json, text/plain"),
                encoded.body());
    }

    @Override
    public Answer answer(Call call, String providerContentType, byte[] providerBody) {
        String format = call.responseFormat().toLowerCase(Locale.ROOT);
        long measured = Math.max(0, call.audioMillis());
        if (!format.equals("json") && !format.equals("verbose_json") && !format.equals("diarized_json")) {
            String contentType = providerContentType != null ? providerContentType : "text/plain; charset=utf-8";
            return new Answer(contentType, providerBody, audio(measured), TokenUsage.NONE);
        }
        JsonNode root = MediaRequests.json(providerBody, "transcription");
        if (!root.path("text").isString()) {
            throw MediaRequests.unreadable("transcription");
        }
        JsonNode usage = root.path("usage");
        long millis = measured;
        TokenUsage tokens = TokenUsage.NONE;
        if ("duration".equals(usage.path("type").asString(null)) && usage.path("seconds").isNumber()) {
            millis = Math.round(usage.path("seconds").asDouble() * 1000);
        } else if (root.path("duration").isNumber()) {
            millis = Math.round(root.path("duration").asDouble() * 1000);
        }
        if ("tokens".equals(usage.path("type").asString(null))) {
            tokens = new TokenUsage(count(usage.get("input_tokens")), count(usage.get("output_tokens")), 0, 0, false);
        }
        return new Answer("application/json", providerBody, audio(millis), tokens);
    }

    private static MediaUsage audio(long millis) {
        return new MediaUsage(0, null, null, 0, null, Math.max(0, millis), 0);
    }
}
