package io.conduit.provider.openai;

import static io.conduit.provider.openai.AdapterCalls.call;
import static io.conduit.provider.openai.AdapterCalls.text;
import static io.conduit.provider.openai.AdapterCalls.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.provider.spi.Capability;
import io.conduit.provider.spi.FormPart;
import io.conduit.provider.spi.ImageGeneration;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.MultipartForm;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.Speech;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.Transcription;
import io.conduit.provider.spi.Transcription.Task;
import io.conduit.provider.spi.UpstreamRequest;
import io.conduit.provider.spi.VideoJobs;
import io.conduit.provider.spi.VideoStatus;
import io.conduit.provider.spi.VideoStatus.State;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Request mapping and answer parsing of the media capabilities, against bodies from OpenAI's API reference. */
class OpenAiMediaTest {

    private final OpenAiAdapter openAi = OpenAiAdapter.openAi();
    private final ProviderEndpoint endpoint =
            new ProviderEndpoint("p1", "main", "openai", URI.create("https://api.openai.test/v1/"), "sk-test-key");
    private final ProviderEndpoint azure = new ProviderEndpoint("p2", "az", "azure_openai",
            URI.create("https://res.openai.azure.test"), "az-key", Map.of("api_version", "2025-04-01-preview"));

    // --- capabilities

    @Test
    void media_is_declared_by_openai_and_azure_only_and_video_by_openai_only() {
        assertThat(OpenAiAdapter.azure().capabilities()).contains(Capability.IMAGE_GENERATION, Capability.SPEECH,
                Capability.TRANSCRIPTION).doesNotContain(Capability.VIDEO_GENERATION);
        assertThat(OpenAiAdapter.forFamily("groq").capabilities()).doesNotContain(Capability.IMAGE_GENERATION,
                Capability.SPEECH, Capability.TRANSCRIPTION, Capability.VIDEO_GENERATION);
        assertThat(OpenAiAdapter.forFamily("groq").videoJobs()).isEmpty();
        assertThat(openAi.videoJobs()).isPresent();
    }

    // --- images

    @Test
    void image_generation_rewrites_the_model_and_keeps_dall_e_response_format() {
        ImageGeneration images = openAi.imageGeneration().orElseThrow();
        UpstreamRequest request = images.generate(endpoint, call(
                "{\"model\":\"pictures\",\"prompt\":\"A cute baby sea otter\",\"n\":1,\"size\":\"1024x1024\","
                        + "\"quality\":\"hd\",\"response_format\":\"url\"}", "dall-e-3", false, false));

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).isEqualTo(URI.create("https://api.openai.test/v1/images/generations"));
        assertThat(request.headers()).containsEntry("authorization", "Bearer sk-test-key")
                .containsEntry("content-type", "application/json");
        assertThat(text(request.body())).isEqualTo("{\"model\":\"dall-e-3\",\"prompt\":\"A cute baby sea otter\",\"n\":1,"
                + "\"size\":\"1024x1024\",\"quality\":\"hd\",\"response_format\":\"url\"}");
    }

    @Test
    void gpt_image_requests_go_without_response_format() {
        UpstreamRequest request = openAi.imageGeneration().orElseThrow().generate(endpoint, call(
                "{\"prompt\":\"otter\",\"response_format\":\"b64_json\",\"quality\":\"low\"}", "gpt-image-1", false, false));

        assertThat(text(request.body())).isEqualTo("{\"prompt\":\"otter\",\"quality\":\"low\",\"model\":\"gpt-image-1\"}");
    }

    @Test
    void dall_e_answer_counts_images_with_the_size_and_quality_asked_or_the_defaults() {
        byte[] body = utf8("{\"created\":1713833628,\"data\":[{\"url\":\"https://files.example/a.png\",\"revised_prompt\":\"x\"},"
                + "{\"url\":\"https://files.example/b.png\"}]}");
        ImageGeneration images = openAi.imageGeneration().orElseThrow();

        ImageGeneration.Answer asked = images.answer(new ImageGeneration.Options("dall-e-3", 2, "1792x1024", "hd", "url"), body);
        ImageGeneration.Answer defaults = images.answer(new ImageGeneration.Options("dall-e-3", 1, null, null, null), body);

        assertThat(asked.body()).isEqualTo(body);
        assertThat(asked.media().images()).isEqualTo(2);
        assertThat(asked.media().imageSize()).isEqualTo("1792x1024");
        assertThat(asked.media().imageQuality()).isEqualTo("hd");
        assertThat(asked.tokens()).isEqualTo(TokenUsage.NONE);
        assertThat(defaults.media().imageSize()).isEqualTo("1024x1024");
        assertThat(defaults.media().imageQuality()).isEqualTo("standard");
    }

    @Test
    void gpt_image_answer_reports_tokens_and_the_size_and_quality_it_chose() {
        byte[] body = utf8("{\"created\":1713833628,\"data\":[{\"b64_json\":\"iVBORw0KGgo=\"}],\"background\":\"opaque\","
                + "\"output_format\":\"png\",\"size\":\"1536x1024\",\"quality\":\"medium\",\"usage\":{\"total_tokens\":100,"
                + "\"input_tokens\":50,\"output_tokens\":50,\"input_tokens_details\":{\"text_tokens\":10,\"image_tokens\":40}}}");

        ImageGeneration.Answer answer = openAi.imageGeneration().orElseThrow()
                .answer(new ImageGeneration.Options("gpt-image-1", 1, "auto", "auto", null), body);

        assertThat(answer.media().images()).isEqualTo(1);
        assertThat(answer.media().imageSize()).isEqualTo("1536x1024");
        assertThat(answer.media().imageQuality()).isEqualTo("medium");
        assertThat(answer.tokens()).isEqualTo(new TokenUsage(50, 50, 0, 0, false));
    }

    @Test
    void an_image_answer_without_images_is_a_retriable_provider_failure() {
        assertThatThrownBy(() -> openAi.imageGeneration().orElseThrow()
                .answer(new ImageGeneration.Options("dall-e-3", 1, null, null, null), utf8("{\"created\":1,\"data\":[]}")))
                .isInstanceOfSatisfying(ProviderException.Retriable.class,
                        e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.SERVER_ERROR));
    }

    @Test
    void image_edit_re_encodes_the_form_with_the_provider_model_on_azure_deployments() {
        MultipartForm form = new MultipartForm(List.of(FormPart.file("image", "otter.png", "image/png", new byte[] {9, 8}),
                FormPart.field("prompt", "add a hat"), FormPart.field("model", "pictures"),
                FormPart.field("response_format", "url")));

        UpstreamRequest request = OpenAiAdapter.azure().imageGeneration().orElseThrow().edit(azure, form, "gpt-image-1");

        assertThat(request.uri()).isEqualTo(URI.create(
                "https://res.openai.azure.test/openai/deployments/gpt-image-1/images/edits?api-version=2025-04-01-preview"));
        assertThat(request.headers()).containsEntry("api-key", "az-key");
        String contentType = request.headers().get("content-type");
        assertThat(contentType).startsWith("multipart/form-data; boundary=");
        String body = new String(request.body(), StandardCharsets.ISO_8859_1);
        String boundary = contentType.substring(contentType.indexOf('=') + 1);
        assertThat(body).startsWith("--" + boundary + "\r\n").endsWith("--" + boundary + "--\r\n")
                .contains("name=\"model\"\r\n\r\ngpt-image-1\r\n").contains("filename=\"otter.png\"")
                .doesNotContain("pictures").doesNotContain("response_format");
    }

    // --- speech

    @Test
    void speech_rewrites_the_model_asks_for_the_format_and_never_streams_events() {
        Speech speech = openAi.speech().orElseThrow();
        InboundCall call = call("{\"model\":\"voice\",\"input\":\"Today is a wonderful day to build something people love!\","
                + "\"voice\":\"coral\",\"response_format\":\"opus\",\"stream_format\":\"sse\"}", "gpt-4o-mini-tts", false, false);

        UpstreamRequest request = speech.request(endpoint, call);

        assertThat(request.uri()).isEqualTo(URI.create("https://api.openai.test/v1/audio/speech"));
        assertThat(request.headers()).containsEntry("accept", "audio/opus");
        assertThat(text(request.body())).isEqualTo("{\"model\":\"gpt-4o-mini-tts\",\"input\":\"Today is a wonderful day to "
                + "build something people love!\",\"voice\":\"coral\",\"response_format\":\"opus\"}");
    }

    @Test
    void speech_answer_names_the_audio_type_and_counts_characters() {
        Speech speech = openAi.speech().orElseThrow();
        InboundCall mp3 = call("{\"model\":\"tts-1\",\"input\":\"Grüße 👋\",\"voice\":\"alloy\"}", "tts-1", false, false);
        InboundCall wav = call("{\"model\":\"tts-1\",\"input\":\"hi\",\"voice\":\"alloy\",\"response_format\":\"wav\"}", "tts-1",
                false, false);

        Speech.Answer fromFormat = speech.answer(mp3, name -> null);
        Speech.Answer fromHeader = speech.answer(wav, name -> name.equals("content-type") ? "audio/x-wav" : null);
        Speech.Answer notAudioHeader = speech.answer(wav, name -> "application/octet-stream");

        assertThat(fromFormat.contentType()).isEqualTo("audio/mpeg");
        assertThat(fromFormat.media().speechCharacters()).isEqualTo(7);
        assertThat(fromHeader.contentType()).isEqualTo("audio/x-wav");
        assertThat(notAudioHeader.contentType()).isEqualTo("audio/wav");
        assertThat(OpenAiSpeech.CONTENT_TYPES).containsOnlyKeys("mp3", "opus", "aac", "flac", "wav", "pcm");
    }

    @Test
    void openai_speech_is_the_audio_itself() {
        Speech speech = openAi.speech().orElseThrow();
        byte[] body = {1, 2, 3};

        assertThat(speech.wrapsAudio()).isFalse();
        assertThat(speech.audio(body)).isSameAs(body);
    }

    // --- transcription

    private static Transcription.Call transcription(Task task, String format, String model, long audioMillis) {
        List<FormPart> parts = new java.util.ArrayList<>(List.of(FormPart.file("file", "speech.mp3", "audio/mpeg", new byte[] {1, 2}),
                FormPart.field("model", "listen"), FormPart.field("stream", "true")));
        if (format != null) {
            parts.add(FormPart.field("response_format", format));
        }
        return new Transcription.Call(task, new MultipartForm(parts), model, audioMillis);
    }

    @Test
    void transcription_and_translation_go_to_their_paths_as_forms() {
        Transcription stt = openAi.transcription().orElseThrow();

        UpstreamRequest transcribe = stt.request(endpoint, transcription(Task.TRANSCRIBE, null, "whisper-1", -1));
        UpstreamRequest translate = stt.request(endpoint, transcription(Task.TRANSLATE, "srt", "whisper-1", -1));

        assertThat(transcribe.uri()).isEqualTo(URI.create("https://api.openai.test/v1/audio/transcriptions"));
        assertThat(translate.uri()).isEqualTo(URI.create("https://api.openai.test/v1/audio/translations"));
        assertThat(transcribe.headers().get("content-type")).startsWith("multipart/form-data; boundary=");
        String body = new String(transcribe.body(), StandardCharsets.ISO_8859_1);
        assertThat(body).contains("name=\"model\"\r\n\r\nwhisper-1\r\n").contains("filename=\"speech.mp3\"")
                .doesNotContain("name=\"stream\"");
        assertThat(new String(translate.body(), StandardCharsets.ISO_8859_1)).contains("name=\"response_format\"\r\n\r\nsrt\r\n");
    }

    @Test
    void verbose_json_answer_gives_audio_milliseconds() {
        byte[] body = utf8("{\"task\":\"transcribe\",\"language\":\"english\",\"duration\":8.470000267028809,"
                + "\"text\":\"The beach was a popular spot on a hot summer day.\",\"segments\":[]}");

        Transcription.Answer answer = openAi.transcription().orElseThrow()
                .answer(transcription(Task.TRANSCRIBE, "verbose_json", "whisper-1", -1), "application/json", body);

        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.body()).isEqualTo(body);
        assertThat(answer.media().audioMillis()).isEqualTo(8_470);
        assertThat(answer.tokens()).isEqualTo(TokenUsage.NONE);
    }

    @Test
    void json_answer_with_duration_usage_or_token_usage() {
        Transcription stt = openAi.transcription().orElseThrow();
        byte[] duration = utf8("{\"text\":\"Hello.\",\"usage\":{\"type\":\"duration\",\"seconds\":9}}");
        byte[] tokens = utf8("{\"text\":\"Imagine the wildest idea\",\"usage\":{\"type\":\"tokens\",\"input_tokens\":14,"
                + "\"input_token_details\":{\"text_tokens\":10,\"audio_tokens\":4},\"output_tokens\":101,\"total_tokens\":115}}");

        Transcription.Answer whisper = stt.answer(transcription(Task.TRANSCRIBE, "json", "whisper-1", 12_345), null, duration);
        Transcription.Answer gpt4o = stt.answer(transcription(Task.TRANSCRIBE, null, "gpt-4o-transcribe", 12_345), null, tokens);

        assertThat(whisper.media().audioMillis()).isEqualTo(9_000);
        assertThat(gpt4o.media().audioMillis()).isEqualTo(12_345);
        assertThat(gpt4o.tokens()).isEqualTo(new TokenUsage(14, 101, 0, 0, false));
    }

    @Test
    void text_formats_pass_through_with_the_measured_length() {
        byte[] srt = utf8("1\n00:00:00,000 --> 00:00:03,320\nThe beach was a popular spot.\n");

        Transcription.Answer answer = openAi.transcription().orElseThrow()
                .answer(transcription(Task.TRANSCRIBE, "srt", "whisper-1", 3_320), null, srt);
        Transcription.Answer unknown = openAi.transcription().orElseThrow()
                .answer(transcription(Task.TRANSCRIBE, "text", "whisper-1", -1), "text/plain; charset=utf-8", utf8("hi"));

        assertThat(answer.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(answer.body()).isEqualTo(srt);
        assertThat(answer.media().audioMillis()).isEqualTo(3_320);
        assertThat(unknown.media().audioMillis()).isZero();
    }

    @Test
    void an_unreadable_json_transcript_is_a_provider_failure() {
        assertThatThrownBy(() -> openAi.transcription().orElseThrow()
                .answer(transcription(Task.TRANSCRIBE, "json", "whisper-1", -1), null, utf8("<html>oops</html>")))
                .isInstanceOf(ProviderException.Retriable.class);
    }

    // --- video

    @Test
    void video_submit_poll_and_download_requests() {
        VideoJobs videos = openAi.videoJobs().orElseThrow();

        UpstreamRequest submit = videos.submit(endpoint, call(
                "{\"model\":\"movies\",\"prompt\":\"A calico cat playing a piano on stage\",\"seconds\":\"8\",\"size\":\"1280x720\"}",
                "sora-2", false, false));
        UpstreamRequest poll = videos.poll(endpoint, "video_123");
        UpstreamRequest download = videos.download(endpoint, "video_123", VideoJobs.Asset.VIDEO);
        UpstreamRequest thumbnail = videos.download(endpoint, "video_123", VideoJobs.Asset.THUMBNAIL);

        assertThat(submit.method()).isEqualTo("POST");
        assertThat(submit.uri()).isEqualTo(URI.create("https://api.openai.test/v1/videos"));
        assertThat(text(submit.body())).isEqualTo(
                "{\"model\":\"sora-2\",\"prompt\":\"A calico cat playing a piano on stage\",\"seconds\":\"8\",\"size\":\"1280x720\"}");
        assertThat(poll.method()).isEqualTo("GET");
        assertThat(poll.uri()).isEqualTo(URI.create("https://api.openai.test/v1/videos/video_123"));
        assertThat(poll.body()).isEmpty();
        assertThat(poll.headers()).containsEntry("authorization", "Bearer sk-test-key").doesNotContainKey("content-type");
        assertThat(download.uri()).isEqualTo(URI.create("https://api.openai.test/v1/videos/video_123/content?variant=video"));
        assertThat(thumbnail.uri()).isEqualTo(URI.create("https://api.openai.test/v1/videos/video_123/content?variant=thumbnail"));
        assertThat(download.headers()).containsEntry("authorization", "Bearer sk-test-key");
        assertThat(videos.poll(endpoint, "../x y").uri().getRawPath()).isEqualTo("/v1/videos/..%2Fx%20y");
    }

    @Test
    void video_task_id_and_statuses_from_openai_video_objects() {
        VideoJobs videos = openAi.videoJobs().orElseThrow();
        String created = "{\"id\":\"video_123\",\"object\":\"video\",\"model\":\"sora-2\",\"status\":\"queued\",\"progress\":0,"
                + "\"created_at\":1712697600,\"size\":\"1024x1792\",\"seconds\":\"8\",\"quality\":\"standard\"}";

        assertThat(videos.submitted(utf8(created))).isEqualTo("video_123");
        VideoStatus queued = videos.status(utf8(created));
        assertThat(queued.state()).isEqualTo(State.QUEUED);
        assertThat(queued.progress()).hasValue(0);

        VideoStatus running = videos.status(utf8(created.replace("\"queued\",\"progress\":0", "\"in_progress\",\"progress\":42")));
        assertThat(running.state()).isEqualTo(State.IN_PROGRESS);
        assertThat(running.progress()).hasValue(42);

        VideoStatus noProgress = videos.status(utf8("{\"id\":\"video_1\",\"status\":\"in_progress\"}"));
        assertThat(noProgress.progress()).isEmpty();

        VideoStatus done = videos.status(utf8(created.replace("\"queued\",\"progress\":0", "\"completed\",\"progress\":100")));
        assertThat(done.state()).isEqualTo(State.COMPLETED);
        assertThat(done.resultUrl()).isNull();
        assertThat(done.media().videoSeconds()).isEqualTo(8);
        assertThat(done.media().videoResolution()).isEqualTo("1024x1792");
        assertThat(done.failure()).isNull();
    }

    @Test
    void a_failed_video_carries_the_provider_reason() {
        VideoStatus failed = openAi.videoJobs().orElseThrow().status(utf8("{\"id\":\"video_9\",\"object\":\"video\","
                + "\"status\":\"failed\",\"progress\":37,\"seconds\":\"4\",\"size\":\"720x1280\",\"error\":{\"code\":"
                + "\"moderation_blocked\",\"message\":\"Your request was blocked by our moderation system.\"}}"));

        assertThat(failed.state()).isEqualTo(State.FAILED);
        assertThat(failed.state().terminal()).isTrue();
        assertThat(failed.failure().code()).isEqualTo("moderation_blocked");
        assertThat(failed.failure().message()).isEqualTo("Your request was blocked by our moderation system.");
        assertThat(failed.progress()).hasValue(37);
    }

    @Test
    void unreadable_video_answers_are_provider_failures() {
        VideoJobs videos = openAi.videoJobs().orElseThrow();

        assertThatThrownBy(() -> videos.submitted(utf8("{\"object\":\"video\"}"))).isInstanceOf(ProviderException.class);
        assertThatThrownBy(() -> videos.status(utf8("{\"id\":\"v\",\"status\":\"melting\"}"))).isInstanceOf(ProviderException.class);
        assertThatThrownBy(() -> videos.status(utf8("not json"))).isInstanceOf(ProviderException.class);
    }

    @Test
    void a_url_the_provider_hands_out_is_fetched_without_credentials() {
        VideoStatus withUrl = new VideoStatus(State.COMPLETED, 100, null, URI.create("https://cdn.example.test/v.mp4?sig=1"), 4, null);

        UpstreamRequest request = openAi.videoJobs().orElseThrow().download(withUrl);

        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.headers()).isEmpty();
    }

    @Test
    void a_finished_openai_video_is_downloaded_from_the_api_with_the_key() {
        VideoJobs videos = openAi.videoJobs().orElseThrow();
        VideoStatus done = videos.status(utf8("{\"id\":\"video_1\",\"status\":\"completed\",\"progress\":100}"));

        UpstreamRequest download = videos.download(endpoint, "video_1", done, VideoJobs.Asset.VIDEO);

        assertThat(download.uri()).isEqualTo(URI.create("https://api.openai.test/v1/videos/video_1/content?variant=video"));
        assertThat(download.headers()).containsEntry("authorization", "Bearer sk-test-key");
        assertThat(videos.locate(endpoint, done)).isEmpty();
        assertThat(videos.cancel(endpoint, "video_1")).isEmpty();
        assertThat(videos.callbacks()).isFalse();
        assertThat(videos.requested(call("{\"prompt\":\"p\",\"seconds\":\"8\",\"size\":\"1280x720\"}", "sora-2", false, false))
                .videoSeconds()).isEqualTo(8);
    }

    // --- errors

    @Test
    void media_errors_use_the_family_error_mapper() {
        ProviderException policy = openAi.errorMapper().map(400, h -> null, utf8("{\"error\":{\"message\":\"Your request was "
                + "rejected as a result of our safety system.\",\"type\":\"invalid_request_error\",\"param\":null,"
                + "\"code\":\"content_policy_violation\"}}"));
        ProviderException limited = openAi.errorMapper().map(429, h -> h.equals("retry-after") ? "7" : null,
                utf8("{\"error\":{\"message\":\"Rate limit reached for images per minute\",\"type\":\"requests\","
                        + "\"param\":null,\"code\":\"rate_limit_exceeded\"}}"));

        assertThat(policy.kind()).isEqualTo(ProviderException.Kind.CONTENT_FILTERED);
        assertThat(limited).isInstanceOf(ProviderException.Retriable.class);
        assertThat(limited.retryAfter()).hasValueSatisfying(d -> assertThat(d.toSeconds()).isEqualTo(7));
    }
}
