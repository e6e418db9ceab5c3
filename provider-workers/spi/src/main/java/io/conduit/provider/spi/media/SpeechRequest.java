package io.conduit.provider.spi.media;

import io.conduit.provider.spi.json.JsonObjectScan;
import io.conduit.provider.spi.json.JsonType;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * A client's OpenAI {@code POST /audio/speech} request as speech adapters read it. {@code voice} is a
 * name (a string) or an object with an {@code id} (OpenAI's custom voices).
 *
 * @param input the text to speak, never null ({@code ""} when absent)
 * @param voice the voice asked for, null when absent
 * @param responseFormat {@code mp3} (the default), {@code opus}, {@code aac}, {@code flac}, {@code wav} or {@code pcm}, lower-cased
 * @param speed the speed asked for (OpenAI: 0.25–4, 1 is normal), null when absent
 * @param instructions how to speak (OpenAI's {@code gpt-4o-mini-tts}), null when absent
 */
public record SpeechRequest(String input, String voice, String responseFormat, Double speed, String instructions) {

    /**
     * @throws io.conduit.provider.spi.ProviderException a bad request when a field has the wrong type
     */
    public static SpeechRequest of(JsonObjectScan body) {
        String input = ScannedFields.string(body, "input");
        String voice = ScannedFields.type(body, "voice") == JsonType.OBJECT
                ? ScannedFields.string(ScannedFields.object(body, "voice"), "id")
                : ScannedFields.string(body, "voice");
        String format = ScannedFields.string(body, "response_format");
        BigDecimal speed = ScannedFields.number(body, "speed");
        return new SpeechRequest(input == null ? "" : input, voice,
                format == null || format.isBlank() ? "mp3" : format.strip().toLowerCase(Locale.ROOT),
                speed == null ? null : speed.doubleValue(), ScannedFields.string(body, "instructions"));
    }

    /** Characters of input, in Unicode code points: the unit speech is priced in. */
    public long characters() {
        return input.codePointCount(0, input.length());
    }
}
