package io.conduit.provider.elevenlabs;

import static io.conduit.provider.testkit.media.MediaHarness.inbound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.provider.spi.Capability;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.Speech;
import io.conduit.provider.spi.UpstreamRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ElevenLabs request mapping, against the text-to-speech reference. */
class ElevenLabsSpeechTest {

    private static final ProviderEndpoint ENDPOINT =
            new ProviderEndpoint("p", "11labs", "elevenlabs", URI.create("https://api.elevenlabs.io/v1"), "xi-secret");
    private final Speech speech = ElevenLabsAdapter.create().speech().orElseThrow();

    @Test
    void elevenlabs_speaks_only() {
        assertThat(ElevenLabsAdapter.create().id()).isEqualTo("elevenlabs");
        assertThat(ElevenLabsAdapter.create().capabilities()).containsExactly(Capability.SPEECH);
        assertThat(speech.wrapsAudio()).isFalse();
    }

    @Test
    void a_speech_request_becomes_a_text_to_speech_call_for_the_voice() {
        UpstreamRequest request = speech.request(ENDPOINT, inbound("{\"model\":\"voice\",\"input\":\"The first move is what sets "
                + "everything in motion.\",\"voice\":\"JBFqnCBsd6RMkjVDRZzb\",\"speed\":2,\"instructions\":\"calm\"}",
                "eleven_multilingual_v2"));

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).hasToString(
                "https://api.elevenlabs.io/v1/text-to-speech/JBFqnCBsd6RMkjVDRZzb?output_format=mp3_44100_128");
        assertThat(request.headers()).containsEntry("xi-api-key", "xi-secret").containsEntry("accept", "audio/mpeg")
                .doesNotContainKey("authorization");
        assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("{\"text\":\"The first move is what sets "
                + "everything in motion.\",\"model_id\":\"eleven_multilingual_v2\",\"voice_settings\":{\"speed\":1.2}}");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"mp3, mp3_44100_128, audio/mpeg", "opus, opus_48000_128, audio/opus", "wav, wav_24000, audio/wav",
            "pcm, pcm_24000, audio/pcm"})
    void response_formats_become_output_formats(String format, String outputFormat, String contentType) {
        InboundCall call = inbound("{\"input\":\"hi\",\"voice\":\"JBFqnCBsd6RMkjVDRZzb\",\"response_format\":\"" + format + "\"}",
                "eleven_flash_v2_5");

        assertThat(speech.request(ENDPOINT, call).uri().getQuery()).isEqualTo("output_format=" + outputFormat);
        assertThat(speech.answer(call, h -> null).contentType()).isEqualTo(contentType);
        assertThat(speech.answer(call, h -> "audio/x-custom").contentType()).isEqualTo("audio/x-custom");
    }

    @Test
    void the_stream_endpoint_when_configured() {
        ProviderEndpoint streaming = new ProviderEndpoint("p", "11labs", "elevenlabs", URI.create("https://api.elevenlabs.io/v1"),
                "k", Map.of("stream", "true"));

        assertThat(speech.request(streaming, inbound("{\"input\":\"hi\",\"voice\":\"v1\"}", "m")).uri().getPath())
                .isEqualTo("/v1/text-to-speech/v1/stream");
    }

    @Test
    void units_are_input_characters_and_impossible_requests_are_refused() {
        assertThat(speech.answer(inbound("{\"input\":\"Grüße 👋\",\"voice\":\"v\"}", "m"), h -> null).media().speechCharacters())
                .isEqualTo(7);
        assertThatThrownBy(() -> speech.request(ENDPOINT, inbound("{\"input\":\"hi\",\"voice\":\"v\",\"response_format\":\"aac\"}", "m")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error().param()).isEqualTo("response_format"));
        assertThatThrownBy(() -> speech.request(ENDPOINT, inbound("{\"input\":\"hi\"}", "m")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error().param()).isEqualTo("voice"));
    }
}
