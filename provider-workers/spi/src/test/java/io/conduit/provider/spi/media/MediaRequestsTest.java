package io.conduit.provider.spi.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import io.conduit.provider.spi.json.JsonObjectScan;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MediaRequestsTest {

    private static JsonObjectScan body(String json) throws Exception {
        return JsonObjectScan.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_videos_request_is_read_with_openai_s_string_seconds() throws Exception {
        VideoRequest request = VideoRequest.of(body("{\"model\":\"sora-2\",\"prompt\":\"A cat\",\"seconds\":\"8\",\"size\":\"1280x720\","
                + "\"input_reference\":\"data:image/jpeg;base64,/9j/4AAQ\"}"));

        assertThat(request.prompt()).isEqualTo("A cat");
        assertThat(request.seconds()).isEqualTo(8);
        assertThat(request.size()).isEqualTo(new VideoSize(1280, 720));
        assertThat(request.sizeText()).isEqualTo("1280x720");
        assertThat(request.inputReference().inline()).isTrue();
        assertThat(request.inputReference().mimeType()).isEqualTo("image/jpeg");
        assertThat(request.inputReference().base64()).isEqualTo("/9j/4AAQ");
        assertThat(request.inputReference().asUrl()).isEqualTo("data:image/jpeg;base64,/9j/4AAQ");
    }

    @Test
    void reference_images_come_as_urls_or_objects_holding_one() throws Exception {
        assertThat(VideoRequest.of(body("{\"input_reference\":{\"image_url\":\"https://x.test/a.png\"}}")).inputReference().url())
                .isEqualTo("https://x.test/a.png");
        assertThat(VideoRequest.of(body("{\"input_reference\":{\"image_url\":{\"url\":\"https://x.test/b.png\"}}}")).inputReference()
                .url()).isEqualTo("https://x.test/b.png");
        assertThat(VideoRequest.of(body("{\"seconds\":4,\"input_reference\":null}")).inputReference()).isNull();
        assertThatThrownBy(() -> VideoRequest.of(body("{\"input_reference\":{\"file_id\":\"file_1\"}}")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error().param()).isEqualTo("input_reference"));
        assertThatThrownBy(() -> VideoRequest.of(body("{\"input_reference\":\"ftp://x\"}"))).isInstanceOf(ProviderException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"seconds":"eight"}  | seconds
            {"seconds":-4}       | seconds
            {"seconds":4.5}      | seconds
            {"seconds":true}     | seconds
            {"size":"big"}       | size
            {"size":"0x720"}     | size
            {"prompt":7}         | prompt
            """)
    void malformed_fields_are_the_client_s_error(String json, String param) {
        assertThatThrownBy(() -> VideoRequest.of(body(json))).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
            assertThat(e.upstreamStatus()).isEqualTo(400);
            assertThat(e.error().param()).isEqualTo(param);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"1280x720, 16:9, 720p, true", "720x1280, 9:16, 720p, false", "1920x1080, 16:9, 1080p, true",
            "1024x1024, 1:1, 1024p, true", "1792x1024, 7:4, 1024p, true"})
    void sizes_know_their_ratio_and_lines(String text, String ratio, String lines, boolean landscape) {
        VideoSize size = VideoSize.parse(text, "size");

        assertThat(size.aspectRatio()).isEqualTo(ratio);
        assertThat(size.lines()).isEqualTo(lines);
        assertThat(size.landscape()).isEqualTo(landscape);
        assertThat(size).hasToString(text);
    }

    @Test
    void a_speech_request_with_its_defaults() throws Exception {
        SpeechRequest plain = SpeechRequest.of(body("{\"model\":\"tts-1\",\"input\":\"Grüße 👋\",\"voice\":\"alloy\"}"));
        SpeechRequest custom = SpeechRequest.of(body("{\"input\":\"hi\",\"voice\":{\"id\":\"voice_123\"},\"response_format\":\"WAV\","
                + "\"speed\":1.25,\"instructions\":\"slowly\"}"));

        assertThat(plain.responseFormat()).isEqualTo("mp3");
        assertThat(plain.voice()).isEqualTo("alloy");
        assertThat(plain.speed()).isNull();
        assertThat(plain.characters()).isEqualTo(7);
        assertThat(custom.voice()).isEqualTo("voice_123");
        assertThat(custom.responseFormat()).isEqualTo("wav");
        assertThat(custom.speed()).isEqualTo(1.25);
        assertThat(custom.instructions()).isEqualTo("slowly");
        assertThat(SpeechRequest.of(body("{}")).input()).isEmpty();
    }
}
