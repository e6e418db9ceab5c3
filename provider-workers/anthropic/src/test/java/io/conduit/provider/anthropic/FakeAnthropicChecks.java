package io.conduit.provider.anthropic;

import java.util.HashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The request checks of the fake Anthropic API: the ones the real API makes that an adapter's
 * translation could fail (https://docs.anthropic.com/en/api/messages). Each returns the message
 * of Anthropic's 400 {@code invalid_request_error}.
 */
final class FakeAnthropicChecks {

    private FakeAnthropicChecks() {}

    /** What is wrong with the request, or null when the API would take it. */
    static String problem(JsonNode request) {
        if (!request.isObject()) {
            return "There was an issue with the format or content of your request.";
        }
        if (!request.path("model").isString()) {
            return "model: Field required";
        }
        if (!request.path("max_tokens").isIntegralNumber()) {
            return "max_tokens: Field required";
        }
        if (request.path("max_tokens").asLong() < 1) {
            return "max_tokens: Input should be greater than or equal to 1";
        }
        JsonNode messages = request.path("messages");
        if (!messages.isArray()) {
            return "messages: Field required";
        }
        if (messages.isEmpty()) {
            return "messages: at least one message is required";
        }
        JsonNode thinking = request.path("thinking");
        if ("enabled".equals(thinking.path("type").asString(""))
                && thinking.path("budget_tokens").asLong() >= request.path("max_tokens").asLong()) {
            return "`max_tokens` must be greater than `thinking.budget_tokens`.";
        }
        String previousRole = null;
        Set<String> openToolUses = new HashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String role = message.path("role").asString("");
            if (!role.equals("user") && !role.equals("assistant")) {
                return "messages." + i + ".role: Input should be 'user' or 'assistant'";
            }
            if (role.equals(previousRole)) {
                return "messages: roles must alternate between \"user\" and \"assistant\", but found multiple \""
                        + role + "\" roles in a row";
            }
            String problem = contentProblem(i, message.path("content"), role, openToolUses);
            if (problem != null) {
                return problem;
            }
            previousRole = role;
        }
        return null;
    }

    /**
     * Checks one turn's content. {@code openToolUses} holds the tool-use ids of the previous
     * assistant turn, which the next user turn must answer, and is refilled from this turn.
     */
    private static String contentProblem(int i, JsonNode content, String role, Set<String> openToolUses) {
        if (content.isString()) {
            if (content.asString().isEmpty()) {
                return "messages." + i + ": all messages must have non-empty content";
            }
            return openToolUses.isEmpty() ? null : unanswered(i, openToolUses);
        }
        if (!content.isArray() || content.isEmpty()) {
            return "messages." + i + ": all messages must have non-empty content";
        }
        Set<String> answered = new HashSet<>();
        Set<String> used = new HashSet<>();
        for (int b = 0; b < content.size(); b++) {
            JsonNode block = content.get(b);
            switch (block.path("type").asString("")) {
                case "text" -> {
                    if (block.path("text").asString("").isBlank()) {
                        return "messages." + i + ".content." + b + ".text: text content blocks must contain non-whitespace text";
                    }
                }
                case "tool_result" -> {
                    String id = block.path("tool_use_id").asString("");
                    if (role.equals("assistant") || !openToolUses.contains(id)) {
                        return "messages." + i + ".content." + b + ": unexpected `tool_use_id` found in `tool_result` blocks: "
                                + id + ". Each `tool_result` block must have a corresponding `tool_use` block in the previous message.";
                    }
                    answered.add(id);
                }
                case "tool_use" -> {
                    if (role.equals("user")) {
                        return "messages." + i + ".content." + b + ": tool_use blocks are only allowed in assistant messages";
                    }
                    used.add(block.path("id").asString(""));
                }
                case "image" -> {
                    JsonNode source = block.path("source");
                    String type = source.path("type").asString("");
                    if (!(type.equals("base64") && source.path("media_type").isString() && source.path("data").isString())
                            && !(type.equals("url") && source.path("url").isString())) {
                        return "messages." + i + ".content." + b + ".image.source: Input tag '" + type
                                + "' found using 'type' does not match any of the expected tags: 'base64', 'url'";
                    }
                }
                default -> {
                    // document, thinking and other blocks are taken as they are
                }
            }
        }
        if (role.equals("user") && !answered.containsAll(openToolUses)) {
            Set<String> missing = new HashSet<>(openToolUses);
            missing.removeAll(answered);
            return unanswered(i, missing);
        }
        openToolUses.clear();
        openToolUses.addAll(used);
        return null;
    }

    private static String unanswered(int i, Set<String> ids) {
        return "messages." + i + ": `tool_use` ids were found without `tool_result` blocks immediately after: "
                + String.join(", ", ids) + ". Each `tool_use` block must have a corresponding `tool_result` block in the next message.";
    }
}
