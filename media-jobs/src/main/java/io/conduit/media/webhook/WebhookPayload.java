package io.conduit.media.webhook;

import io.conduit.contracts.json.Json;
import java.time.Instant;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The body of a webhook (Standard Webhooks payload structure):
 * {@code {"type":"video.completed","timestamp":"2026-11-24T10:15:30.123456Z","data":{…}}}. Built once
 * when the message is enqueued and stored, so every attempt sends (and signs) the same bytes.
 */
public final class WebhookPayload {

    /** Full-stop separated identifiers of {@code [a-zA-Z0-9_]}, e.g. {@code video.completed}. */
    private static final Pattern TYPE = Pattern.compile("[a-zA-Z0-9_]+(\\.[a-zA-Z0-9_]+)*");

    private WebhookPayload() {}

    public static boolean isValidType(String type) {
        return type != null && type.length() <= 100 && TYPE.matcher(type).matches();
    }

    /** The body; throws {@link IllegalArgumentException} when the type is malformed or {@code dataJson} is not a JSON object. */
    public static String body(String type, Instant at, String dataJson) {
        if (!isValidType(type)) {
            throw new IllegalArgumentException("webhook type must be dot-separated [a-zA-Z0-9_] identifiers, was " + type);
        }
        if (at == null) {
            throw new IllegalArgumentException("webhook timestamp is required");
        }
        JsonNode data;
        try {
            data = dataJson == null ? null : Json.mapper().readTree(dataJson);
        } catch (JacksonException e) {
            data = null;
        }
        if (data == null || !data.isObject()) {
            throw new IllegalArgumentException("webhook data must be a JSON object");
        }
        // the data is embedded as given (the job as the API shows it), not re-serialised
        return "{\"type\":" + Json.mapper().writeValueAsString(type) + ",\"timestamp\":\"" + at + "\",\"data\":"
                + dataJson.strip() + "}";
    }
}
