package io.conduit.provider.anthropic;

import io.conduit.provider.anthropic.internal.Jsons;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * OpenAI chat {@code messages} as Anthropic's top-level {@code system} and alternating
 * {@code user} / {@code assistant} {@code messages}. System and developer messages, wherever they
 * stand, become the system prompt; assistant {@code tool_calls} become {@code tool_use} blocks;
 * {@code tool} messages become {@code tool_result} blocks of a user turn; consecutive turns of one
 * role are merged, because Anthropic requires the roles to alternate. Empty text is dropped
 * (Anthropic rejects empty text blocks), and so are parts Anthropic cannot take (audio, files
 * other than PDF data URLs) and the deprecated {@code function} role.
 */
final class MessagesMapper {

    /**
     * @param system the system prompt (a string, or text blocks when one carries
     *     {@code cache_control} or there are several), null when none
     * @param messages the alternating turns
     */
    record Conversation(JsonNode system, ArrayNode messages) {

        /** Whether the last turn returns tool results, i.e. continues an assistant turn that used tools. */
        boolean continuesToolUse() {
            if (messages.isEmpty()) {
                return false;
            }
            JsonNode last = messages.get(messages.size() - 1);
            if (!"user".equals(last.path("role").asString(""))) {
                return false;
            }
            for (JsonNode block : last.path("content")) {
                if ("tool_result".equals(block.path("type").asString(""))) {
                    return true;
                }
            }
            return false;
        }
    }

    private record Turn(String role, List<ObjectNode> blocks) {}

    private MessagesMapper() {}

    static Conversation map(JsonNode openAiMessages) {
        List<ObjectNode> system = new ArrayList<>();
        List<Turn> turns = new ArrayList<>();
        for (JsonNode message : openAiMessages) {
            switch (message.path("role").asString("")) {
                case "system", "developer" -> system.addAll(ContentParts.blocks(message.path("content"), false));
                case "user" -> append(turns, "user", ContentParts.blocks(message.path("content"), true));
                case "assistant" -> append(turns, "assistant", assistantBlocks(message));
                case "tool" -> append(turns, "user", List.of(toolResult(message)));
                default -> {
                    // "function" (deprecated) and unknown roles have no Anthropic form
                }
            }
        }
        ArrayNode messages = Jsons.array();
        for (Turn turn : turns) {
            ObjectNode out = messages.addObject();
            out.put("role", turn.role());
            ArrayNode content = out.putArray("content");
            turn.blocks().stream().sorted(TOOL_RESULTS_FIRST).forEach(content::add);
        }
        return new Conversation(system(system), messages);
    }

    /** Anthropic wants a user turn's tool results before its other content; the sort is stable. */
    private static final Comparator<ObjectNode> TOOL_RESULTS_FIRST =
            Comparator.comparingInt(block -> "tool_result".equals(block.path("type").asString("")) ? 0 : 1);

    private static void append(List<Turn> turns, String role, List<ObjectNode> blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        if (!turns.isEmpty() && turns.getLast().role().equals(role)) {
            turns.getLast().blocks().addAll(blocks);
        } else {
            turns.add(new Turn(role, new ArrayList<>(blocks)));
        }
    }

    private static JsonNode system(List<ObjectNode> blocks) {
        if (blocks.isEmpty()) {
            return null;
        }
        if (blocks.size() == 1 && !blocks.getFirst().has("cache_control")) {
            return StringNode.valueOf(blocks.getFirst().path("text").asString());
        }
        ArrayNode array = Jsons.array();
        blocks.forEach(array::add);
        return array;
    }

    private static List<ObjectNode> assistantBlocks(JsonNode message) {
        List<ObjectNode> blocks = new ArrayList<>(ContentParts.blocks(message.path("content"), false));
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.path("function");
            if (!"function".equals(call.path("type").asString("function")) || !function.path("name").isString()) {
                continue;
            }
            ObjectNode toolUse = Jsons.object();
            toolUse.put("type", "tool_use");
            toolUse.put("id", call.path("id").asString(""));
            toolUse.put("name", function.path("name").asString());
            toolUse.set("input", arguments(function.path("arguments")));
            blocks.add(toolUse);
        }
        return blocks;
    }

    /** Tool-call arguments are a JSON object as text; Anthropic wants the object itself. */
    private static JsonNode arguments(JsonNode arguments) {
        JsonNode parsed = arguments.isString() ? Jsons.read(arguments.asString()) : arguments;
        return parsed.isObject() ? parsed : Jsons.object();
    }

    private static ObjectNode toolResult(JsonNode message) {
        ObjectNode result = Jsons.object();
        result.put("type", "tool_result");
        result.put("tool_use_id", message.path("tool_call_id").asString(""));
        JsonNode content = message.path("content");
        if (content.isString()) {
            if (!content.asString().isEmpty()) {
                result.put("content", content.asString());
            }
        } else if (content.isArray()) {
            List<ObjectNode> blocks = ContentParts.blocks(content, true);
            if (!blocks.isEmpty()) {
                ArrayNode array = result.putArray("content");
                blocks.forEach(array::add);
            }
        }
        return result;
    }
}
