package io.conduit.provider.spi;

import io.conduit.contracts.usage.MediaUsage;

/**
 * Capability: speech to text in OpenAI's shape: {@code POST /audio/transcriptions} and
 * {@code /audio/translations}, a {@code multipart/form-data} upload ({@code file}, {@code model},
 * {@code response_format}, …) answered as {@code json}, {@code text}, {@code verbose_json},
 * {@code srt} or {@code vtt}. The adapter re-encodes the form for its provider and reads the
 * answer; it does no I/O.
 */
public interface Transcription {

    /** Which of the two operations. */
    enum Task {
        /** Into text in the audio's language. */
        TRANSCRIBE,
        /** Into English text. */
        TRANSLATE
    }

    /**
     * One client call.
     *
     * @param task transcription or translation
     * @param form the client's form as ingress parsed it
     * @param providerModel model to send instead of the client's alias
     * @param audioMillis the audio's length when the caller measured it, -1 when unknown
     */
    record Call(Task task, MultipartForm form, String providerModel, long audioMillis) {

        /** The {@code response_format} asked for, {@code json} when absent. */
        public String responseFormat() {
            return form.field("response_format").map(String::trim).filter(v -> !v.isEmpty()).orElse("json");
        }
    }

    /** The provider request: the form re-encoded (boundary in the {@code content-type} header). */
    UpstreamRequest request(ProviderEndpoint endpoint, Call call);

    /**
     * The client-facing answer and its units.
     *
     * @param providerContentType the provider answer's content type, null when absent
     * @throws ProviderException when a 2xx body is unreadable in the format asked for
     */
    Answer answer(Call call, String providerContentType, byte[] providerBody);

    /**
     * @param contentType content type for the client, e.g. {@code application/json}, {@code text/plain}
     * @param body the transcript in the format asked for
     * @param media milliseconds of audio ({@link MediaUsage#audioMillis()}): as the provider reports
     *     them, else as the caller measured them, else 0
     * @param tokens token usage where the provider bills by tokens ({@code gpt-4o-transcribe}), else
     *     {@link TokenUsage#NONE}
     */
    record Answer(String contentType, byte[] body, MediaUsage media, TokenUsage tokens) {}
}
