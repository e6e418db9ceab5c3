package io.conduit.provider.gemini;

import static io.conduit.provider.gemini.GeminiJson.MAPPER;
import static io.conduit.provider.gemini.GeminiJson.text;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI message content (a string or an array of typed parts) as Gemini {@code Part}s: text,
 * {@code inlineData} for data URLs and base64 audio/files, {@code fileData} for URLs. Google fetches
 * a {@code fileData} URI itself and only some kinds (Files API, {@code gs://}, public http(s) on
 * recent models); its MIME type is guessed from the URL's extension.
 */
final class ContentParts {

    private static final Map<String, String> MIME_BY_EXTENSION = Map.ofEntries(
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("webp", "image/webp"), Map.entry("gif", "image/gif"), Map.entry("heic", "image/heic"),
            Map.entry("heif", "image/heif"), Map.entry("pdf", "application/pdf"), Map.entry("txt", "text/plain"),
            Map.entry("mp3", "audio/mp3"), Map.entry("wav", "audio/wav"), Map.entry("flac", "audio/flac"),
            Map.entry("mp4", "video/mp4"), Map.entry("mov", "video/mov"), Map.entry("webm", "video/webm"));

    private ContentParts() {}

    /** The text parts of a system, developer or assistant message (non-text parts are dropped). */
    static void appendText(JsonNode content, ArrayNode into) {
        String plain = text(content);
        if (plain != null) {
            addText(plain, into);
            return;
        }
        for (JsonNode part : content) {
            String t = text(part.path("text"));
            if (t == null) {
                t = text(part.path("refusal"));
            }
            if (t != null) {
                addText(t, into);
            }
        }
    }

    /** The parts of a user message. */
    static ArrayNode userParts(JsonNode content) {
        ArrayNode parts = MAPPER.createArrayNode();
        String plain = text(content);
        if (plain != null) {
            addText(plain, parts);
            return parts;
        }
        for (JsonNode part : content) {
            switch (String.valueOf(text(part.path("type")))) {
                case "text" -> addText(text(part.path("text")), parts);
                case "image_url" -> {
                    JsonNode image = part.path("image_url");
                    String url = image.isString() ? image.stringValue() : text(image.path("url"));
                    addMedia(url, "image/jpeg", parts);
                }
                case "input_audio" -> {
                    String data = text(part.path("input_audio").path("data"));
                    String format = String.valueOf(text(part.path("input_audio").path("format")));
                    if (data != null) {
                        inline("audio/" + format.toLowerCase(Locale.ROOT), data, parts);
                    }
                }
                case "file" -> {
                    JsonNode file = part.path("file");
                    String data = text(file.path("file_data"));
                    String id = text(file.path("file_id"));
                    String fallbackMime = mimeOf(text(file.path("filename")), "application/pdf");
                    if (data != null) {
                        addMedia(data.startsWith("data:") ? data : "data:" + fallbackMime + ";base64," + data,
                                fallbackMime, parts);
                    } else if (id != null) {
                        fileData(fallbackMime, id, parts);
                    }
                }
                default -> {
                    // other part kinds have no Gemini counterpart
                }
            }
        }
        return parts;
    }

    private static void addText(String text, ArrayNode into) {
        if (text != null && !text.isEmpty()) {
            into.addObject().put("text", text);
        }
    }

    private static void addMedia(String url, String defaultMime, ArrayNode into) {
        if (url == null || url.isBlank()) {
            return;
        }
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            if (comma < 0) {
                return;
            }
            String meta = url.substring(5, comma);
            String payload = url.substring(comma + 1);
            boolean base64 = meta.endsWith(";base64");
            String mime = (base64 ? meta.substring(0, meta.length() - 7) : meta).split(";", 2)[0];
            String data = base64 ? payload : Base64.getEncoder().encodeToString(
                    URLDecoder.decode(payload, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
            inline(mime.isEmpty() ? defaultMime : mime, data, into);
        } else {
            fileData(mimeOf(url, defaultMime), url, into);
        }
    }

    private static void inline(String mime, String base64, ArrayNode into) {
        ObjectNode inline = into.addObject().putObject("inlineData");
        inline.put("mimeType", mime);
        inline.put("data", base64);
    }

    private static void fileData(String mime, String uri, ArrayNode into) {
        ObjectNode file = into.addObject().putObject("fileData");
        file.put("mimeType", mime);
        file.put("fileUri", uri);
    }

    /** The MIME type a URL's or file name's extension implies. */
    static String mimeOf(String urlOrName, String fallback) {
        if (urlOrName == null) {
            return fallback;
        }
        String path = urlOrName;
        int cut = path.indexOf('?');
        path = cut >= 0 ? path.substring(0, cut) : path;
        cut = path.indexOf('#');
        path = cut >= 0 ? path.substring(0, cut) : path;
        int dot = path.lastIndexOf('.');
        if (dot < 0 || dot < path.lastIndexOf('/')) {
            return fallback;
        }
        return MIME_BY_EXTENSION.getOrDefault(path.substring(dot + 1).toLowerCase(Locale.ROOT), fallback);
    }
}
