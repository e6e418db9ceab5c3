package io.conduit.provider.gemini;

import io.conduit.provider.testkit.contract.FakeAnswer;
import io.conduit.provider.testkit.contract.FakeAnswer.ToolCall;
import io.conduit.provider.testkit.contract.FakeAnswer.Usage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON {@link FakeGemini} answers with: {@code GenerateContentResponse}s whole and in streamed
 * pieces, embeddings, and Google's documented error bodies. Sources: https://ai.google.dev/api/generate-content,
 * https://ai.google.dev/api/embeddings, https://ai.google.dev/gemini-api/docs/troubleshooting,
 * https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/text-embeddings-api.
 */
final class FakeGeminiWire {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Code points per streamed text piece: small, so answers arrive in several events. */
    private static final int PIECE = 8;

    private FakeGeminiWire() {}

    /** The whole answer, as {@code generateContent} returns it. */
    static ObjectNode response(FakeAnswer answer, String model, String responseId) {
        ArrayNode parts = JSON.createArrayNode();
        if (!answer.reasoning().isEmpty()) {
            parts.addObject().put("text", answer.reasoning()).put("thought", true);
        }
        if (!answer.text().isEmpty()) {
            parts.addObject().put("text", answer.text());
        }
        addCalls(answer.toolCalls(), responseId, parts);
        return envelope(parts, finishReason(answer.finish()), usage(answer.usage(), true), model, responseId);
    }

    /** The answer as {@code streamGenerateContent} sends it, one object per event; the last one finishes. */
    static List<ObjectNode> streamed(FakeAnswer answer, String model, String responseId) {
        List<ArrayNode> pieces = new ArrayList<>();
        if (!answer.reasoning().isEmpty()) {
            ArrayNode thought = JSON.createArrayNode();
            thought.addObject().put("text", answer.reasoning()).put("thought", true);
            pieces.add(thought);
        }
        String text = answer.text();
        for (int from = 0; from < text.length(); ) {
            int to = text.offsetByCodePoints(from, Math.min(PIECE, text.codePointCount(from, text.length())));
            ArrayNode piece = JSON.createArrayNode();
            piece.addObject().put("text", text.substring(from, to));
            pieces.add(piece);
            from = to;
        }
        if (!answer.toolCalls().isEmpty()) {
            ArrayNode calls = JSON.createArrayNode();
            addCalls(answer.toolCalls(), responseId, calls); // Gemini sends whole calls, all in one piece
            pieces.add(calls);
        }
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            boolean last = i == pieces.size() - 1;
            events.add(envelope(pieces.get(i), last ? finishReason(answer.finish()) : null,
                    usage(answer.usage(), last), model, responseId));
        }
        if (events.isEmpty()) {
            events.add(envelope(JSON.createArrayNode(), finishReason(answer.finish()), usage(answer.usage(), true),
                    model, responseId));
        }
        return events;
    }

    private static void addCalls(List<ToolCall> calls, String responseId, ArrayNode parts) {
        for (int i = 0; i < calls.size(); i++) {
            ObjectNode part = parts.addObject();
            ObjectNode call = part.putObject("functionCall");
            call.put("name", calls.get(i).name());
            call.set("args", JSON.readTree(calls.get(i).argumentsJson()));
            if (i == 0) {
                // Gemini 3 signs the first call of a turn
                part.put("thoughtSignature", Base64.getEncoder().encodeToString(
                        ("signature-of-" + responseId).getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    private static ObjectNode envelope(ArrayNode parts, String finishReason, ObjectNode usage, String model,
            String responseId) {
        ObjectNode response = JSON.createObjectNode();
        ObjectNode candidate = response.putArray("candidates").addObject();
        if (!parts.isEmpty()) {
            ObjectNode content = candidate.putObject("content");
            content.set("parts", parts);
            content.put("role", "model");
        }
        if (finishReason != null) {
            candidate.put("finishReason", finishReason);
        }
        if ("SAFETY".equals(finishReason)) {
            ArrayNode ratings = candidate.putArray("safetyRatings");
            ratings.addObject().put("category", "HARM_CATEGORY_DANGEROUS_CONTENT").put("probability", "HIGH")
                    .put("blocked", true);
            ratings.addObject().put("category", "HARM_CATEGORY_HARASSMENT").put("probability", "NEGLIGIBLE");
        }
        candidate.put("index", 0);
        response.set("usageMetadata", usage);
        response.put("modelVersion", model);
        response.put("responseId", responseId);
        return response;
    }

    private static String finishReason(FakeAnswer.Finish finish) {
        return switch (finish) {
            case STOP, TOOL_CALLS -> "STOP";
            case LENGTH -> "MAX_TOKENS";
            case CONTENT_FILTER -> "SAFETY";
        };
    }

    /** usageMetadata; before the last piece Google reports the prompt only. */
    static ObjectNode usage(Usage usage, boolean complete) {
        ObjectNode node = JSON.createObjectNode();
        node.put("promptTokenCount", usage.promptTokens());
        if (complete) {
            node.put("candidatesTokenCount", usage.completionTokens() - usage.reasoningTokens());
            node.put("totalTokenCount", usage.promptTokens() + usage.completionTokens());
            if (usage.cachedTokens() > 0) {
                node.put("cachedContentTokenCount", usage.cachedTokens());
            }
        } else {
            node.put("totalTokenCount", usage.promptTokens());
        }
        node.putArray("promptTokensDetails").addObject().put("modality", "TEXT").put("tokenCount", usage.promptTokens());
        if (complete && usage.cachedTokens() > 0) {
            node.putArray("cacheTokensDetails").addObject().put("modality", "TEXT").put("tokenCount", usage.cachedTokens());
        }
        if (complete && usage.reasoningTokens() > 0) {
            node.put("thoughtsTokenCount", usage.reasoningTokens());
        }
        return node;
    }

    /** Google's error body for a status, as its troubleshooting page documents them. */
    static ObjectNode error(int status, String model, boolean vertex) {
        return switch (status) {
            case 400 -> error(400, "Request contains an invalid argument.", "INVALID_ARGUMENT");
            case 401 -> withReason(error(401, "Request had invalid authentication credentials. Expected OAuth 2 access "
                    + "token, login cookie or other valid authentication credential. See "
                    + "https://developers.google.com/identity/sign-in/web/devconsole-project.", "UNAUTHENTICATED"),
                    "ACCESS_TOKEN_TYPE_UNSUPPORTED", vertex);
            case 403 -> error(403, "The caller does not have permission", "PERMISSION_DENIED");
            case 404 -> error(404, vertex
                    ? "Publisher Model `publishers/google/models/" + model + "` was not found or your project does not "
                            + "have access to it. Please ensure you are using a valid model version."
                    : "models/" + model + " is not found for API version v1beta, or is not supported for "
                            + "generateContent. Call ListModels to see the list of available models and their "
                            + "supported methods.", "NOT_FOUND");
            case 429 -> quotaExceeded(model);
            case 500 -> error(500, "An internal error has occurred. Please retry or report in "
                    + "https://developers.generativeai.google/guide/troubleshooting", "INTERNAL");
            case 503 -> error(503, "The model is overloaded. Please try again later.", "UNAVAILABLE");
            case 504 -> error(504, "Deadline expired before operation could complete.", "DEADLINE_EXCEEDED");
            default -> error(status, "The service returned HTTP " + status + ".", status >= 500 ? "INTERNAL" : "UNKNOWN");
        };
    }

    static ObjectNode error(int code, String message, String status) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        error.put("status", status);
        return root;
    }

    static ObjectNode withReason(ObjectNode root, String reason, boolean vertex) {
        ObjectNode info = ((ObjectNode) root.path("error")).putArray("details").addObject();
        info.put("@type", "type.googleapis.com/google.rpc.ErrorInfo");
        info.put("reason", reason);
        info.put("domain", "googleapis.com");
        info.putObject("metadata").put("service", vertex ? "aiplatform.googleapis.com" : "generativelanguage.googleapis.com");
        return root;
    }

    private static ObjectNode quotaExceeded(String model) {
        ObjectNode root = error(429, "You exceeded your current quota, please check your plan and billing details. "
                + "For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.",
                "RESOURCE_EXHAUSTED");
        ArrayNode details = ((ObjectNode) root.path("error")).putArray("details");
        ObjectNode violation = details.addObject().put("@type", "type.googleapis.com/google.rpc.QuotaFailure")
                .putArray("violations").addObject();
        violation.put("quotaMetric", "generativelanguage.googleapis.com/generate_content_free_tier_requests");
        violation.put("quotaId", "GenerateRequestsPerMinutePerProjectPerModel-FreeTier");
        violation.putObject("quotaDimensions").put("location", "global").put("model", model);
        violation.put("quotaValue", "10");
        details.addObject().put("@type", "type.googleapis.com/google.rpc.Help").putArray("links").addObject()
                .put("description", "Learn more about Gemini API quotas")
                .put("url", "https://ai.google.dev/gemini-api/docs/rate-limits");
        details.addObject().put("@type", "type.googleapis.com/google.rpc.RetryInfo").put("retryDelay", "7s");
        return root;
    }

    /** Embeddings of each text: {@code batchEmbedContents} or Vertex {@code predict}. */
    static ObjectNode embeddings(JsonNode request, boolean vertex) {
        ObjectNode response = JSON.createObjectNode();
        if (vertex) {
            int dimensions = request.path("parameters").path("outputDimensionality").asInt(8);
            ArrayNode predictions = response.putArray("predictions");
            long characters = 0;
            for (JsonNode instance : request.path("instances")) {
                String text = instance.path("content").asString("");
                characters += text.length();
                ObjectNode embeddings = predictions.addObject().putObject("embeddings");
                embeddings.putObject("statistics").put("truncated", false).put("token_count", words(text));
                embeddings.set("values", vector(text, dimensions));
            }
            response.putObject("metadata").put("billableCharacterCount", characters);
        } else {
            ArrayNode embeddings = response.putArray("embeddings");
            for (JsonNode one : request.path("requests")) {
                String text = one.path("content").path("parts").path(0).path("text").asString("");
                embeddings.addObject().set("values", vector(text, one.path("outputDimensionality").asInt(8)));
            }
        }
        return response;
    }

    private static int words(String text) {
        return text.isBlank() ? 0 : text.strip().split("\\s+").length;
    }

    /** A made-up vector, the same for the same text. */
    static ArrayNode vector(String text, int dimensions) {
        ArrayNode values = JSON.createArrayNode();
        int seed = text.hashCode();
        for (int i = 0; i < dimensions; i++) {
            values.add((Math.floorMod(seed + i * 7919, 2000) - 1000) / 1024.0);
        }
        return values;
    }
}
