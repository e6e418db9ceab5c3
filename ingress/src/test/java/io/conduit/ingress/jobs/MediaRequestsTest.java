package io.conduit.ingress.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.contracts.jobs.JobKind;
import io.conduit.contracts.json.Json;
import io.conduit.ingress.http.GatewayException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

class MediaRequestsTest {

    static ObjectNode json(String body) {
        return MediaRequests.parseObject(body.getBytes(StandardCharsets.UTF_8));
    }

    static void refused(Runnable validation, String code, String param) {
        assertThatThrownBy(validation::run).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.type()).isEqualTo("invalid_request_error");
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.param()).isEqualTo(param);
            assertThat(e.getMessage()).isNotBlank();
        });
    }

    @Test
    void a_video_request_is_normalized_with_the_alias_as_model_and_seconds_as_a_string() {
        MediaRequests.Spec spec = MediaRequests.video(json(
                "{\"model\":\"sora\",\"prompt\":\"a cat\",\"seconds\":8,\"size\":\"1280x720\",\"webhook_url\":\"https://hooks.example.com/v\"}"),
                false);

        assertThat(spec.kind()).isEqualTo(JobKind.VIDEO);
        assertThat(spec.alias()).isEqualTo("sora");
        assertThat(spec.webhookUrl()).isEqualTo("https://hooks.example.com/v");
        assertThat(spec.request().get("seconds").asString()).isEqualTo("8");
        assertThat(spec.request().has("webhook_url")).as("a gateway field, not the provider's").isFalse();
        assertThat(Json.mapper().writeValueAsString(spec.request())).contains("\"model\":\"sora\"");
    }

    @Test
    void a_video_without_model_asks_for_openais_default() {
        assertThat(MediaRequests.video(json("{\"prompt\":\"a cat\",\"seconds\":\"12\"}"), false).alias()).isEqualTo("sora-2");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"model\":\"v\"}                                                  | missing_required_parameter | prompt",
        "{\"model\":\"v\",\"prompt\":\"\"}                                  | invalid_value              | prompt",
        "{\"model\":\"v\",\"prompt\":7}                                     | invalid_type               | prompt",
        "{\"model\":\"v\",\"prompt\":\"p\",\"seconds\":5}                   | invalid_value              | seconds",
        "{\"model\":\"v\",\"prompt\":\"p\",\"seconds\":\"4.5\"}             | invalid_value              | seconds",
        "{\"model\":\"v\",\"prompt\":\"p\",\"seconds\":true}                | invalid_type               | seconds",
        "{\"model\":\"v\",\"prompt\":\"p\",\"size\":\"999x999\"}            | invalid_value              | size",
        "{\"model\":\"v\",\"prompt\":\"p\",\"webhook_url\":\"ftp://x/y\"}   | invalid_value              | webhook_url",
        "{\"model\":\"v\",\"prompt\":\"p\",\"webhook_url\":\"/relative\"}   | invalid_value              | webhook_url",
        "{\"model\":\"v\",\"prompt\":\"p\",\"webhook_url\":3}               | invalid_type               | webhook_url",
        "{\"model\":\"v\",\"prompt\":\"p\",\"input_reference\":{}}          | invalid_value              | input_reference",
        "{\"model\":\"v\",\"prompt\":\"p\",\"input_reference\":\"x\"}       | invalid_type               | input_reference",
        "{\"model\":3,\"prompt\":\"p\"}                                     | invalid_type               | model",
    })
    void refuses_bad_video_requests_naming_the_parameter(String body, String code, String param) {
        refused(() -> MediaRequests.video(json(body), false), code, param);
    }

    @Test
    void seconds_accept_the_numbers_as_numbers_or_strings() {
        for (String seconds : new String[] {"4", "\"4\"", "8.0", "\"12\""}) {
            assertThat(MediaRequests.video(json("{\"prompt\":\"p\",\"seconds\":" + seconds + "}"), false)
                    .request().get("seconds").isString()).isTrue();
        }
    }

    @Test
    void a_reference_is_a_file_or_an_object_never_both() {
        refused(() -> MediaRequests.video(json("{\"prompt\":\"p\",\"input_reference\":{\"image_url\":\"https://x/y.png\"}}"), true),
                "invalid_value", "input_reference");
        assertThat(MediaRequests.video(json("{\"prompt\":\"p\",\"input_reference\":{\"file_id\":\"file-1\"}}"), false).alias())
                .isEqualTo("sora-2");
    }

    @Test
    void form_fields_arrive_as_strings_and_are_read_as_numbers() {
        ObjectNode form = json("{\"model\":\"img\",\"prompt\":\"a fox\",\"n\":\"3\",\"response_format\":\"b64_json\"}");

        MediaRequests.Spec spec = MediaRequests.imageEdit(form, 2, 1);

        assertThat(spec.kind()).isEqualTo(JobKind.IMAGE_EDIT);
        assertThat(spec.request().get("n").isInt()).isTrue();
        assertThat(spec.request().get("n").asInt()).isEqualTo(3);
        assertThat(spec.responseFormat()).isEqualTo("b64_json");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"model\":\"i\"}                                               | missing_required_parameter | prompt",
        "{\"model\":\"i\",\"prompt\":\"p\",\"n\":0}                      | invalid_value              | n",
        "{\"model\":\"i\",\"prompt\":\"p\",\"n\":11}                     | invalid_value              | n",
        "{\"model\":\"i\",\"prompt\":\"p\",\"n\":1.5}                    | invalid_type               | n",
        "{\"model\":\"i\",\"prompt\":\"p\",\"n\":\"two\"}                | invalid_type               | n",
        "{\"model\":\"i\",\"prompt\":\"p\",\"response_format\":\"png\"}  | invalid_value              | response_format",
        "{\"model\":\"i\",\"prompt\":\"p\",\"stream\":true}              | invalid_value              | stream",
    })
    void refuses_bad_image_requests(String body, String code, String param) {
        refused(() -> MediaRequests.imageGeneration(json(body)), code, param);
    }

    @Test
    void an_edit_needs_an_image() {
        refused(() -> MediaRequests.imageEdit(json("{\"model\":\"i\",\"prompt\":\"p\"}"), 0, 0), "missing_required_parameter",
                "image");
        refused(() -> MediaRequests.imageEdit(json("{\"model\":\"i\",\"prompt\":\"p\"}"), 1, 2), "invalid_value", "mask");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"input\":\"hi\",\"voice\":\"alloy\"}                                          | missing_required_parameter | model",
        "{\"model\":\"tts\",\"voice\":\"alloy\"}                                         | missing_required_parameter | input",
        "{\"model\":\"tts\",\"input\":\"hi\"}                                            | missing_required_parameter | voice",
        "{\"model\":\"tts\",\"input\":\"hi\",\"voice\":1}                                | invalid_type               | voice",
        "{\"model\":\"tts\",\"input\":\"hi\",\"voice\":\"alloy\",\"speed\":9}            | invalid_value              | speed",
        "{\"model\":\"tts\",\"input\":\"hi\",\"voice\":\"alloy\",\"response_format\":\"ogg\"} | invalid_value         | response_format",
        "{\"model\":\"tts\",\"input\":\"hi\",\"voice\":\"alloy\",\"stream_format\":\"sse\"}   | invalid_value         | stream_format",
    })
    void refuses_bad_speech_requests(String body, String code, String param) {
        refused(() -> MediaRequests.speech(json(body)), code, param);
    }

    @Test
    void speech_accepts_a_voice_object() {
        assertThat(MediaRequests.speech(json("{\"model\":\"tts\",\"input\":\"hi\",\"voice\":{\"id\":\"v1\"},\"speed\":\"1.5\"}"))
                .request().get("speed").isNumber()).isTrue();
    }

    @Test
    void a_transcription_needs_one_file_and_a_model() {
        refused(() -> MediaRequests.transcription(json("{\"model\":\"w\"}"), 0, false), "missing_required_parameter", "file");
        refused(() -> MediaRequests.transcription(json("{\"model\":\"w\"}"), 2, false), "invalid_value", "file");
        refused(() -> MediaRequests.transcription(json("{}"), 1, false), "missing_required_parameter", "model");
        refused(() -> MediaRequests.transcription(json("{\"model\":\"w\",\"stream\":\"true\"}"), 1, false), "invalid_value",
                "stream");
        refused(() -> MediaRequests.transcription(json("{\"model\":\"w\",\"response_format\":\"diarized_json\"}"), 1, true),
                "invalid_value", "response_format");
        assertThat(MediaRequests.transcription(json("{\"model\":\"w\",\"response_format\":\"srt\"}"), 1, true).kind())
                .isEqualTo(JobKind.TRANSLATION);
    }

    @Test
    void a_body_must_be_a_json_object() {
        refused(() -> json("[1,2]"), "invalid_json", null);
        refused(() -> json("{\"prompt\":"), "invalid_json", null);
    }
}
