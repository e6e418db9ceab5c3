package io.conduit.provider.elevenlabs;

import io.conduit.contracts.usage.MediaUsage;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.Speech;
import io.conduit.provider.spi.UpstreamRequest;
import io.conduit.provider.spi.media.MediaFailures;
import io.conduit.provider.spi.media.SpeechRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * ElevenLabs text to speech, as OpenAI's {@code /audio/speech}: {@code POST /text-to-speech/{voice_id}?output_format=...}
 * (or {@code .../{voice_id}/stream} with the setting {@code stream: true}, the same audio sent as it is made)
 * with {@code {"text","model_id","voice_settings":{"speed"}}}, answered with the audio itself.
 *
 * <p>Mapping: {@code voice} → the path's voice id (an ElevenLabs voice id such as
 * {@code JBFqnCBsd6RMkjVDRZzb}; OpenAI's voice names mean nothing to ElevenLabs); {@code model} → {@code model_id}
 * (e.g. {@code eleven_multilingual_v2}); {@code input} → {@code text}; {@code speed} →
 * {@code voice_settings.speed} brought into ElevenLabs' 0.7–1.2; {@code response_format} → {@code output_format}:
 * mp3 → {@code mp3_44100_128}, opus → {@code opus_48000_128}, wav → {@code wav_24000}, pcm →
 * {@code pcm_24000} (16-bit little-endian mono at 24 kHz, as OpenAI's pcm); aac and flac are refused;
 * {@code instructions} has no counterpart and is left out. Units: characters of {@code input}.
 *
 * <p>Documentation: https://elevenlabs.io/docs/api-reference/text-to-speech/convert,
 * https://elevenlabs.io/docs/api-reference/text-to-speech/stream.
 */
final class ElevenLabsSpeech implements Speech {

    static final String STREAM_SETTING = "stream";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> OUTPUT_FORMATS = Map.of(
            "mp3", "mp3_44100_128", "opus", "opus_48000_128", "wav", "wav_24000", "pcm", "pcm_24000");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "mp3", "audio/mpeg", "opus", "audio/opus", "wav", "audio/wav", "pcm", "audio/pcm");

    @Override
    public UpstreamRequest request(ProviderEndpoint endpoint, InboundCall call) {
        SpeechRequest speech = SpeechRequest.of(call.body());
        String format = OUTPUT_FORMATS.get(speech.responseFormat());
        if (format == null) {
            throw MediaFailures.badRequest("response_format",
                    "ElevenLabs speaks mp3, opus, wav or pcm, not " + speech.responseFormat() + ".");
        }
        if (speech.voice() == null || speech.voice().isBlank()) {
            throw MediaFailures.badRequest("voice", "ElevenLabs needs a 'voice' (an ElevenLabs voice id).");
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("text", speech.input());
        body.put("model_id", call.providerModel());
        if (speech.speed() != null) {
            body.putObject("voice_settings").put("speed", Math.clamp(speech.speed(), 0.7, 1.2));
        }
        boolean stream = endpoint.setting(STREAM_SETTING).map(Boolean::parseBoolean).orElse(false);
        String path = "/text-to-speech/" + URLEncoder.encode(speech.voice(), StandardCharsets.UTF_8).replace("+", "%20")
                + (stream ? "/stream" : "") + "?output_format=" + format;
        Map<String, String> headers = Map.of("xi-api-key", endpoint.apiKey(), "content-type", "application/json",
                "accept", CONTENT_TYPES.get(speech.responseFormat()));
        return new UpstreamRequest(endpoint.resolve(path), headers, JSON.writeValueAsBytes(body));
    }

    @Override
    public Answer answer(InboundCall call, Function<String, String> responseHeader) {
        SpeechRequest speech = SpeechRequest.of(call.body());
        String header = responseHeader.apply("content-type");
        String contentType = header != null && header.toLowerCase(Locale.ROOT).startsWith("audio/") ? header
                : CONTENT_TYPES.getOrDefault(speech.responseFormat(), "application/octet-stream");
        return new Answer(contentType, new MediaUsage(0, null, null, 0, null, 0, speech.characters()));
    }
}
