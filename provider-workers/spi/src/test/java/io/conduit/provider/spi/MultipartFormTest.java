package io.conduit.provider.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartFormTest {

    private final MultipartForm form = new MultipartForm(List.of(
            FormPart.file("file", "speech.mp3", "audio/mpeg", new byte[] {1, 2, 3}),
            FormPart.field("model", "whisper"),
            FormPart.field("timestamp_granularities[]", "word"),
            FormPart.field("timestamp_granularities[]", "segment")));

    @Test
    void encodes_fields_and_files_with_the_boundary_named_in_its_content_type() {
        MultipartForm.Encoded encoded = form.withField("model", "whisper-1").encode("b0undary");

        assertThat(encoded.contentType()).isEqualTo("multipart/form-data; boundary=b0undary");
        String expected = "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"speech.mp3\"\r\n"
                + "Content-Type: audio/mpeg\r\n\r\n\u0001\u0002\u0003\r\n"
                + "--b0undary\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n"
                + "--b0undary\r\nContent-Disposition: form-data; name=\"timestamp_granularities[]\"\r\n\r\nword\r\n"
                + "--b0undary\r\nContent-Disposition: form-data; name=\"timestamp_granularities[]\"\r\n\r\nsegment\r\n"
                + "--b0undary--\r\n";
        assertThat(new String(encoded.body(), StandardCharsets.ISO_8859_1)).isEqualTo(expected);
    }

    @Test
    void replaces_a_field_in_place_and_keeps_repeated_ones() {
        MultipartForm edited = form.withField("model", "whisper-1").withField("language", "en");

        assertThat(edited.parts()).extracting(FormPart::name)
                .containsExactly("file", "model", "timestamp_granularities[]", "timestamp_granularities[]", "language");
        assertThat(edited.field("model")).contains("whisper-1");
        assertThat(edited.file("file")).get().extracting(FormPart::filename).isEqualTo("speech.mp3");
        assertThat(edited.field("file")).isEmpty();
        assertThat(edited.without("timestamp_granularities[]").parts()).hasSize(3);
    }

    @Test
    void a_fresh_boundary_each_time_and_no_header_injection_through_names() {
        assertThat(form.encode().contentType()).isNotEqualTo(form.encode().contentType());
        MultipartForm evil = new MultipartForm(List.of(FormPart.file("file", "a\"\r\nX-Evil: 1.mp3", null, new byte[0])));
        String body = new String(evil.encode("b").body(), StandardCharsets.ISO_8859_1);
        assertThat(body).contains("filename=\"a%22%0D%0AX-Evil: 1.mp3\"").contains("Content-Type: application/octet-stream");
    }
}
