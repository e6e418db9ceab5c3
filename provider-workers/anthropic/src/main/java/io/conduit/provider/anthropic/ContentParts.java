package io.conduit.provider.anthropic;

import io.conduit.provider.anthropic.internal.Jsons;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI message content (a string or an array of parts) as Anthropic content blocks: text parts
 * (and assistant refusals) as {@code text} blocks, {@code image_url} parts as {@code image} blocks
 * (a base64 source for data URLs, a URL source for http(s) URLs), PDF {@code file} parts given as
 * data URLs as {@code document} blocks. A part's {@code cache_control} is kept, so clients can mark
 * prompt-cache breakpoints as Anthropic defines them.
 */
final class ContentParts {

    private ContentParts() {}

    /**
     * @param content OpenAI content: a string or an array of parts
     * @param media whether image and file parts are taken (user messages and tool results)
     */
    static List<ObjectNode> blocks(JsonNode content, boolean media) {
        List<ObjectNode> blocks = new ArrayList<>();
        if (content.isString()) {
            addText(blocks, content.asString());
            return blocks;
        }
        for (JsonNode part : content) {
            if (part.isString()) {
                addText(blocks, part.asString());
                continue;
            }
            ObjectNode block = switch (part.path("type").asString("")) {
                case "text" -> text(part.path("text").asString(""));
                case "refusal" -> text(part.path("refusal").asString(""));
                case "image_url" -> media ? image(imageUrl(part)) : null;
                case "file" -> media ? document(part.path("file").path("file_data").asString("")) : null;
                default -> null; // input_audio and parts Anthropic has no block for
            };
            if (block != null) {
                if (part.path("cache_control").isObject()) {
                    block.set("cache_control", part.path("cache_control"));
                }
                blocks.add(block);
            }
        }
        return blocks;
    }

    private static void addText(List<ObjectNode> blocks, String text) {
        ObjectNode block = text(text);
        if (block != null) {
            blocks.add(block);
        }
    }

    /** A text block, or null for blank text (Anthropic rejects text blocks without non-space text). */
    private static ObjectNode text(String text) {
        if (text.isBlank()) {
            return null;
        }
        ObjectNode block = Jsons.object();
        block.put("type", "text");
        block.put("text", text);
        return block;
    }

    private static String imageUrl(JsonNode part) {
        JsonNode url = part.path("image_url");
        return url.isString() ? url.asString() : url.path("url").asString("");
    }

    /** An image block for a data URL or an http(s) URL; null for anything else. */
    static ObjectNode image(String url) {
        ObjectNode source = dataUrlSource(url);
        if (source == null) {
            String lower = url.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("https://") && !lower.startsWith("http://")) {
                return null;
            }
            source = Jsons.object();
            source.put("type", "url");
            source.put("url", url);
        }
        ObjectNode block = Jsons.object();
        block.put("type", "image");
        block.set("source", source);
        return block;
    }

    /** A document block for a base64 PDF data URL; null for anything else. */
    private static ObjectNode document(String fileData) {
        ObjectNode source = dataUrlSource(fileData);
        if (source == null || !"application/pdf".equals(source.path("media_type").asString())) {
            return null;
        }
        ObjectNode block = Jsons.object();
        block.put("type", "document");
        block.set("source", source);
        return block;
    }

    /** {@code data:<media type>;base64,<data>} as a base64 source; null when not of that form. */
    private static ObjectNode dataUrlSource(String url) {
        if (!url.regionMatches(true, 0, "data:", 0, 5)) {
            return null;
        }
        int comma = url.indexOf(',');
        if (comma < 0) {
            return null;
        }
        String meta = url.substring(5, comma);
        if (!meta.toLowerCase(Locale.ROOT).endsWith(";base64")) {
            return null;
        }
        ObjectNode source = Jsons.object();
        source.put("type", "base64");
        source.put("media_type", meta.substring(0, meta.length() - ";base64".length()).toLowerCase(Locale.ROOT));
        source.put("data", url.substring(comma + 1));
        return source;
    }
}
