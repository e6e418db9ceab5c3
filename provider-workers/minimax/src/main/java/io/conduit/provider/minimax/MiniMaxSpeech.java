package io.conduit.provider.minimax;

import static io.conduit.provider.spi.openai.OpenAiShapes.JSON;

import io.conduit.contracts.usage.MediaUsage;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.Speech;
import io.conduit.provider.spi.UpstreamRequest;
import io.conduit.provider.spi.media.MediaFailures;
import io.conduit.provider.spi.media.SpeechRequest;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * MiniMax's synchronous text to speech (T2A v2), as OpenAI's {@code /audio/speech}: {@code POST /t2a_v2}
 * with {@code {"model","text","stream":false,"voice_setting":{"voice_id","speed"},"audio_setting":
 * {"format","sample_rate","channel"},"output_format":"hex"}}. The answer is JSON, not audio:
 * {@code data.audio} holds the audio in hex, {@code extra_info} its length and size, and
 * {@code base_resp} a non-zero code for errors (HTTP 200 all the same). So the adapter
 * {@link #wrapsAudio() wraps}: the caller reads the whole body and takes {@link #audio(byte[])}.
 *
 * <p>Mapping: {@code input} → {@code text}; {@code voice} → {@code voice_id} as given (a MiniMax voice
 * id such as {@code English_expressive_narrator}; OpenAI's voice names mean nothing to MiniMax);
 * {@code speed} → {@code speed} brought into MiniMax's 0.5–2; {@code response_format} mp3, flac, wav
 * or pcm (24 kHz 16-bit mono, as OpenAI's) → {@code format}; opus and aac are refused; {@code instructions}
 * has no counterpart and is left out. Units: characters of {@code input}.
 *
 * <p>Documentation: https://platform.minimax.io/docs/api-reference/speech-t2a-http,
 * https://platform.minimax.io/docs/api-reference/errorcode.
 */
final class MiniMaxSpeech implements Speech {

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "mp3", "audio/mpeg", "flac", "audio/flac", "wav", "audio/wav", "pcm", "audio/pcm");

    @Override
    public UpstreamRequest request(ProviderEndpoint endpoint, InboundCall call) {
        SpeechRequest speech = SpeechRequest.of(call.body());
        if (!CONTENT_TYPES.containsKey(speech.responseFormat())) {
            throw MediaFailures.badRequest("response_format",
                    "MiniMax speaks mp3, flac, wav or pcm, not " + speech.responseFormat() + ".");
        }
        if (speech.voice() == null || speech.voice().isBlank()) {
            throw MediaFailures.badRequest("voice", "MiniMax needs a 'voice' (a MiniMax voice id).");
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("model", call.providerModel());
        body.put("text", speech.input());
        body.put("stream", false);
        ObjectNode voice = body.putObject("voice_setting").put("voice_id", speech.voice());
        if (speech.speed() != null) {
            voice.put("speed", Math.clamp(speech.speed(), 0.5, 2.0));
        }
        ObjectNode audio = body.putObject("audio_setting").put("format", speech.responseFormat());
        if (speech.responseFormat().equals("pcm")) {
            audio.put("sample_rate", 24000);
        }
        audio.put("channel", 1);
        body.put("output_format", "hex");
        return new UpstreamRequest(endpoint.resolve("/t2a_v2"), MiniMaxVideos.headers(endpoint, true), JSON.writeValueAsBytes(body));
    }

    @Override
    public Answer answer(InboundCall call, Function<String, String> responseHeader) {
        SpeechRequest speech = SpeechRequest.of(call.body());
        return new Answer(CONTENT_TYPES.getOrDefault(speech.responseFormat(), "application/octet-stream"),
                new MediaUsage(0, null, null, 0, null, 0, speech.characters()));
    }

    @Override
    public boolean wrapsAudio() {
        return true;
    }

    /** The hex of {@code data.audio}, decoded; an in-band {@code base_resp} error is thrown as such. */
    @Override
    public byte[] audio(byte[] providerBody) {
        JsonNode root = MiniMaxVideos.read(providerBody);
        MiniMaxCodes.check(root);
        String hex = root.path("data").path("audio").asString("");
        if (hex.isEmpty()) {
            throw MediaFailures.unreadable("MiniMax", "speech");
        }
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw MediaFailures.unreadable("MiniMax", "speech");
        }
    }
}
