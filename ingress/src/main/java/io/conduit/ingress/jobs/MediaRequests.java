package io.conduit.ingress.jobs;

import io.conduit.contracts.json.Json;
import io.conduit.contracts.jobs.JobKind;
import io.conduit.ingress.http.GatewayException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validates the media APIs' requests (JSON bodies, or a multipart form's text fields as a JSON
 * object) and normalizes them into what the job stores and the worker reads: {@code model} set to
 * the alias, numbers given as strings parsed, {@code webhook_url} taken out. Every refusal is a 400
 * naming the parameter.
 */
final class MediaRequests {

    static final Set<String> VIDEO_SIZES = Set.of("720x1280", "1280x720", "1024x1792", "1792x1024");
    static final Set<String> VIDEO_SECONDS = Set.of("4", "8", "12");
    static final Set<String> IMAGE_FORMATS = Set.of("url", "b64_json");
    static final Set<String> SPEECH_FORMATS = Set.of("mp3", "opus", "aac", "flac", "wav", "pcm");
    static final Set<String> TRANSCRIPT_FORMATS = Set.of("json", "text", "srt", "verbose_json", "vtt", "diarized_json");
    static final Set<String> TRANSLATION_FORMATS = Set.of("json", "text", "srt", "verbose_json", "vtt");

    /** The model OpenAI uses when a request names none, where it has a default. */
    static final String DEFAULT_VIDEO_MODEL = "sora-2";
    static final String DEFAULT_IMAGE_MODEL = "dall-e-2";

    /**
     * A validated job request.
     *
     * @param kind what the job makes
     * @param alias the model asked for
     * @param request the normalized request, as stored with the job and sent to the worker
     * @param webhookUrl where this job's webhooks go, null for the group's default
     */
    record Spec(JobKind kind, String alias, ObjectNode request, String webhookUrl) {

        /** The request's {@code response_format}, or null. */
        String responseFormat() {
            JsonNode format = request.get("response_format");
            return format == null || format.isNull() ? null : format.asString();
        }
    }

    private MediaRequests() {}

    /** A JSON body as an object; anything else is a 400. */
    static ObjectNode parseObject(byte[] body) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(body);
        } catch (JacksonException e) {
            throw GatewayException.badRequest("invalid_json", null, "The request body is not valid JSON: "
                    + e.getOriginalMessage() + ".");
        }
        if (!(node instanceof ObjectNode object)) {
            throw GatewayException.badRequest("invalid_json", null, "The request body must be a JSON object.");
        }
        return object;
    }

    /** {@code POST /v1/videos}; {@code hasUpload} when the form carried an {@code input_reference} file. */
    static Spec video(ObjectNode body, boolean hasUpload) {
        String alias = model(body, DEFAULT_VIDEO_MODEL);
        string(body, "prompt", 32_000, true);
        JsonNode seconds = body.get("seconds");
        if (present(seconds)) {
            String value = seconds.isNumber() ? numberText(seconds) : seconds.isString() ? seconds.asString().strip() : null;
            if (value == null) {
                throw JobErrors.invalidType("seconds", "a string or a number (4, 8 or 12)");
            }
            if (!VIDEO_SECONDS.contains(value)) {
                throw JobErrors.invalidValue("seconds", "Invalid value for 'seconds': '" + value + "'; supported values are"
                        + " '4', '8' and '12'.");
            }
            body.put("seconds", value);
        }
        oneOf(body, "size", VIDEO_SIZES);
        JsonNode reference = body.get("input_reference");
        if (present(reference)) {
            if (hasUpload) {
                throw JobErrors.invalidValue("input_reference", "Send 'input_reference' either as a file or as an object, not both.");
            }
            if (!(reference instanceof ObjectNode ref)) {
                throw JobErrors.invalidType("input_reference", "an object with 'image_url' or 'file_id' (or a file upload)");
            }
            boolean url = present(ref.get("image_url"));
            boolean file = present(ref.get("file_id"));
            if (url == file) {
                throw JobErrors.invalidValue("input_reference", "Provide exactly one of 'image_url' or 'file_id' in"
                        + " 'input_reference'.");
            }
            string(ref, url ? "image_url" : "file_id", 20 * 1024 * 1024, true);
        }
        return spec(JobKind.VIDEO, alias, body);
    }

    /** {@code POST /v1/images/generations}. */
    static Spec imageGeneration(ObjectNode body) {
        String alias = model(body, DEFAULT_IMAGE_MODEL);
        string(body, "prompt", 32_000, true);
        images(body);
        return spec(JobKind.IMAGE, alias, body);
    }

    /** {@code POST /v1/images/edits}: the form's text fields, and how many images and masks it carried. */
    static Spec imageEdit(ObjectNode fields, int images, int masks) {
        String alias = model(fields, DEFAULT_IMAGE_MODEL);
        string(fields, "prompt", 32_000, true);
        if (images == 0) {
            throw JobErrors.missing("image");
        }
        if (images > 16) {
            throw JobErrors.invalidValue("image", "At most 16 images may be edited at once.");
        }
        if (masks > 1) {
            throw JobErrors.invalidValue("mask", "Send at most one mask.");
        }
        images(fields);
        return spec(JobKind.IMAGE_EDIT, alias, fields);
    }

    /** {@code POST /v1/audio/speech}. */
    static Spec speech(ObjectNode body) {
        String alias = model(body, null);
        string(body, "input", 4096, true);
        JsonNode voice = body.get("voice");
        if (!present(voice)) {
            throw JobErrors.missing("voice");
        }
        if (!voice.isString() && !(voice.isObject() && voice.path("id").isString())) {
            throw JobErrors.invalidType("voice", "a string or an object with an 'id'");
        }
        oneOf(body, "response_format", SPEECH_FORMATS);
        number(body, "speed", new BigDecimal("0.25"), new BigDecimal("4.0"), false);
        JsonNode streamFormat = body.get("stream_format");
        if (present(streamFormat) && !"audio".equals(streamFormat.asString())) {
            throw JobErrors.invalidValue("stream_format", "Only 'stream_format': 'audio' is supported: speech is made as a job,"
                    + " then sent whole.");
        }
        return spec(JobKind.SPEECH, alias, body);
    }

    /** {@code POST /v1/audio/transcriptions} or {@code /translations}: the form's text fields and how many files it carried. */
    static Spec transcription(ObjectNode fields, int files, boolean translation) {
        String alias = model(fields, null);
        if (files == 0) {
            throw JobErrors.missing("file");
        }
        if (files > 1) {
            throw JobErrors.invalidValue("file", "Send exactly one audio file.");
        }
        oneOf(fields, "response_format", translation ? TRANSLATION_FORMATS : TRANSCRIPT_FORMATS);
        number(fields, "temperature", BigDecimal.ZERO, BigDecimal.ONE, false);
        string(fields, "prompt", 32_000, false);
        string(fields, "language", 32, false);
        if (flag(fields, "stream")) {
            throw JobErrors.invalidValue("stream", "Streaming transcriptions are not supported: the transcript is made as a"
                    + " job, then sent whole.");
        }
        return spec(translation ? JobKind.TRANSLATION : JobKind.TRANSCRIPTION, alias, fields);
    }

    private static void images(ObjectNode body) {
        number(body, "n", BigDecimal.ONE, BigDecimal.TEN, true);
        oneOf(body, "response_format", IMAGE_FORMATS);
        if (flag(body, "stream")) {
            throw JobErrors.invalidValue("stream", "Streaming image generation is not supported: images are made as a job.");
        }
    }

    private static Spec spec(JobKind kind, String alias, ObjectNode request) {
        String webhook = webhookUrl(request);
        request.remove("webhook_url");
        return new Spec(kind, alias, request, webhook);
    }

    /** The alias asked for, written back as {@code model}; the fallback (OpenAI's default) when none, or a 400 without one. */
    private static String model(ObjectNode body, String fallback) {
        JsonNode model = body.get("model");
        if (!present(model) || (model.isString() && model.asString().isBlank())) {
            if (fallback == null) {
                throw GatewayException.badRequest("missing_required_parameter", "model", "You must provide a model parameter.");
            }
            body.put("model", fallback);
            return fallback;
        }
        if (!model.isString()) {
            throw JobErrors.invalidType("model", "a string");
        }
        String alias = model.asString().strip();
        body.put("model", alias);
        return alias;
    }

    /** An optional {@code webhook_url}: an absolute http or https URL. */
    static String webhookUrl(ObjectNode body) {
        JsonNode value = body.get("webhook_url");
        if (!present(value)) {
            return null;
        }
        if (!value.isString()) {
            throw JobErrors.invalidType("webhook_url", "a string");
        }
        String url = value.asString().strip();
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || url.length() > 2048) {
                throw new URISyntaxException(url, "not an absolute http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw JobErrors.invalidValue("webhook_url", "Invalid 'webhook_url': expected an absolute http:// or https:// URL.");
        }
        return url;
    }

    private static String string(ObjectNode body, String name, int maxLength, boolean required) {
        JsonNode value = body.get(name);
        if (!present(value)) {
            if (required) {
                throw JobErrors.missing(name);
            }
            return null;
        }
        if (!value.isString()) {
            throw JobErrors.invalidType(name, "a string");
        }
        String text = value.asString();
        if (required && text.isBlank()) {
            throw JobErrors.invalidValue(name, "'" + name + "' must not be empty.");
        }
        if (text.length() > maxLength) {
            throw JobErrors.invalidValue(name, "'" + name + "' is longer than " + maxLength + " characters.");
        }
        return text;
    }

    private static void oneOf(ObjectNode body, String name, Set<String> allowed) {
        JsonNode value = body.get(name);
        if (!present(value)) {
            return;
        }
        if (!value.isString()) {
            throw JobErrors.invalidType(name, "a string");
        }
        if (!allowed.contains(value.asString())) {
            throw JobErrors.invalidValue(name, "Invalid value for '" + name + "': '" + value.asString() + "'; supported values"
                    + " are " + String.join(", ", allowed.stream().sorted().map(v -> "'" + v + "'").toList()) + ".");
        }
    }

    /** An optional number within bounds, also when given as a string (form fields are); written back as a number. */
    private static void number(ObjectNode body, String name, BigDecimal min, BigDecimal max, boolean integer) {
        JsonNode value = body.get(name);
        if (!present(value)) {
            return;
        }
        BigDecimal number;
        try {
            number = value.isNumber() ? value.decimalValue() : value.isString() ? new BigDecimal(value.asString().strip()) : null;
        } catch (NumberFormatException e) {
            number = null;
        }
        String expected = integer ? "an integer" : "a number";
        if (number == null || (integer && number.stripTrailingZeros().scale() > 0)) {
            throw JobErrors.invalidType(name, expected);
        }
        if (number.compareTo(min) < 0 || number.compareTo(max) > 0) {
            throw JobErrors.invalidValue(name, "Invalid value for '" + name + "': expected " + expected + " from "
                    + min.toPlainString() + " to " + max.toPlainString() + ".");
        }
        if (integer) {
            body.put(name, number.intValueExact());
        } else {
            body.put(name, number);
        }
    }

    private static boolean flag(ObjectNode body, String name) {
        JsonNode value = body.get(name);
        if (!present(value)) {
            return false;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isString() && List.of("true", "false").contains(value.asString().strip().toLowerCase(Locale.ROOT))) {
            boolean flag = Boolean.parseBoolean(value.asString().strip());
            body.put(name, flag);
            return flag;
        }
        throw JobErrors.invalidType(name, "a boolean");
    }

    private static String numberText(JsonNode number) {
        return number.decimalValue().stripTrailingZeros().toPlainString();
    }

    private static boolean present(JsonNode value) {
        return value != null && !value.isNull() && !value.isMissingNode();
    }
}
