package io.conduit.provider.elevenlabs;

import static io.conduit.provider.testkit.media.MediaHarness.inbound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import io.conduit.provider.testkit.media.MediaHarness;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ElevenLabs through the adapter, over HTTP, against {@link FakeElevenLabs}. */
class ElevenLabsOverFakeTest {

    private static final String KEY = "xi-test";
    private static final String SPEECH = "{\"model\":\"voice\",\"input\":\"Hello from the fake ElevenLabs.\","
            + "\"voice\":\"21m00Tcm4TlvDq8ikWAM\",\"response_format\":\"mp3\"}";

    private final FakeElevenLabs fake = new FakeElevenLabs(KEY);

    @AfterEach
    void stop() {
        fake.close();
    }

    private MediaHarness harness(String key, Map<String, String> settings) {
        return new MediaHarness(ElevenLabsAdapter.create(), new ProviderEndpoint("p", "11labs", "elevenlabs", fake.baseUrl(), key,
                settings));
    }

    @Test
    void speech_comes_back_as_the_audio_itself() {
        MediaHarness.Spoken spoken = harness(KEY, Map.of()).speak(inbound(SPEECH, "eleven_multilingual_v2"));

        assertThat(spoken.audio()).isEqualTo(FakeElevenLabs.audioFor("Hello from the fake ElevenLabs.", "mp3_44100_128"));
        assertThat(spoken.answer().contentType()).isEqualTo("audio/mpeg");
        assertThat(spoken.answer().media().speechCharacters()).isEqualTo(31);
        assertThat(fake.requests().getFirst().json().path("model_id").asString()).isEqualTo("eleven_multilingual_v2");
    }

    @Test
    void the_stream_endpoint_and_pcm() {
        MediaHarness.Spoken spoken = harness(KEY, Map.of("stream", "true"))
                .speak(inbound(SPEECH.replace("\"mp3\"", "\"pcm\""), "eleven_flash_v2_5"));

        assertThat(spoken.audio()).isEqualTo(FakeElevenLabs.audioFor("Hello from the fake ElevenLabs.", "pcm_24000"));
        assertThat(spoken.answer().contentType()).isEqualTo("audio/pcm");
        assertThat(fake.requests().getFirst().target()).endsWith("/stream?output_format=pcm_24000");
    }

    @Test
    void wrong_keys_and_unknown_voices() {
        assertThatThrownBy(() -> harness("wrong", Map.of()).speak(inbound(SPEECH, "eleven_multilingual_v2")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
                    assertThat(e.error().code()).isEqualTo("invalid_api_key");
                });
        assertThatThrownBy(() -> harness(KEY, Map.of()).speak(inbound(SPEECH.replace("21m00Tcm4TlvDq8ikWAM", "alloy"), "m")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"400, BAD_REQUEST", "401, PERMISSION_DENIED", "429, RATE_LIMITED", "500, SERVER_ERROR", "503, OVERLOADED"})
    void failures_map_to_their_kind(int status, Kind kind) {
        fake.fail(status);

        assertThatThrownBy(() -> harness(KEY, Map.of()).speak(inbound(SPEECH, "eleven_multilingual_v2")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(kind));
    }
}
