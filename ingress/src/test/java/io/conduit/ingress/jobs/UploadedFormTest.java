package io.conduit.ingress.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.ingress.http.GatewayException;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

class UploadedFormTest {

    static final String BOUNDARY = "----conduit-test-boundary";

    @TempDir
    Path dir;

    static HttpHeaders headers() {
        return new DefaultHttpHeaders().set("content-type", "multipart/form-data; boundary=" + BOUNDARY);
    }

    static byte[] body(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < parts.length; i += 2) {
            String name = (String) parts[i];
            out.writeBytes(("--" + BOUNDARY + "\r\n").getBytes(StandardCharsets.US_ASCII));
            if (parts[i + 1] instanceof byte[] file) {
                out.writeBytes(("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + name + ".bin\"\r\n"
                        + "Content-Type: audio/mpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.writeBytes(file);
            } else {
                out.writeBytes(("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + parts[i + 1])
                        .getBytes(StandardCharsets.UTF_8));
            }
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** The body cut into pieces of awkward sizes, as a network delivers it. */
    static List<byte[]> chunks(byte[] body, int size) {
        List<byte[]> chunks = new ArrayList<>();
        for (int at = 0; at < body.length; at += size) {
            chunks.add(Arrays.copyOfRange(body, at, Math.min(body.length, at + size)));
        }
        return chunks;
    }

    static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    void reads_fields_and_files_split_anywhere_keeping_large_files_on_disk() throws Exception {
        byte[] small = random(100);
        byte[] large = random(300_000);
        byte[] body = body("model", "whisper", "prompt", "żółw 🐢", "file", large, "mask", small,
                "timestamp_granularities[]", "word", "timestamp_granularities[]", "segment");

        try (UploadedForm form = UploadedForm.parse(headers(), chunks(body, 997), 1_000_000, dir)) {
            assertThat(form.field("model")).contains("whisper");
            assertThat(form.field("prompt")).contains("żółw 🐢");
            assertThat(form.files()).extracting(UploadedForm.UploadedFile::field).containsExactly("file", "mask");
            UploadedForm.UploadedFile file = form.files("file").getFirst();
            assertThat(file.size()).isEqualTo(large.length);
            assertThat(file.filename()).isEqualTo("file.bin");
            assertThat(file.contentType()).isEqualTo("audio/mpeg");
            assertThat(file.data().isInMemory()).as("a large file waits on disk").isFalse();
            try (InputStream in = file.open()) {
                assertThat(in.readAllBytes()).isEqualTo(large);
            }
            try (InputStream in = form.files("mask").getFirst().open()) {
                assertThat(in.readAllBytes()).isEqualTo(small);
            }
            var json = form.fieldsAsJson();
            assertThat(json.get("model").asString()).isEqualTo("whisper");
            assertThat(json.get("timestamp_granularities").isArray()).isTrue();
            assertThat(json.get("timestamp_granularities")).hasSize(2);
        }
        try (var left = Files.list(dir)) {
            assertThat(left).as("closing deletes the files on disk").isEmpty();
        }
    }

    @Test
    void streams_through_the_reactive_reader() {
        byte[] body = body("prompt", "a cat", "input_reference", random(50_000));

        UploadedForm form = UploadedForm.read(headers(), Flux.fromIterable(chunks(body, 4096)), 1_000_000, dir).block();

        try (form) {
            assertThat(form.field("prompt")).contains("a cat");
            assertThat(form.files("input_reference").getFirst().size()).isEqualTo(50_000);
        }
    }

    @Test
    void refuses_a_body_over_the_limit_by_header_or_as_it_streams() {
        byte[] body = body("file", random(20_000));
        HttpHeaders declared = headers().set("content-length", Integer.toString(body.length));

        assertThatThrownBy(() -> UploadedForm.read(declared, Flux.fromIterable(chunks(body, 1000)), 10_000, dir).block())
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(413));
        assertThatThrownBy(() -> UploadedForm.read(headers(), Flux.fromIterable(chunks(body, 1000)), 10_000, dir).block())
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(413));
    }

    @Test
    void a_form_without_boundary_or_end_is_a_400() {
        HttpHeaders noBoundary = new DefaultHttpHeaders().set("content-type", "multipart/form-data");
        assertThatThrownBy(() -> UploadedForm.parse(noBoundary, List.of(body("a", "b")), 10_000, dir))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("invalid_multipart");
                });
        byte[] cut = Arrays.copyOf(body("a", "b", "file", random(100)), 120);
        assertThatThrownBy(() -> UploadedForm.parse(headers(), List.of(cut), 10_000, dir))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void knows_a_multipart_request_by_its_content_type() {
        assertThat(UploadedForm.isMultipart(headers())).isTrue();
        assertThat(UploadedForm.isMultipart(new DefaultHttpHeaders().set("content-type", "application/json"))).isFalse();
        assertThat(UploadedForm.isMultipart(new DefaultHttpHeaders())).isFalse();
    }
}
