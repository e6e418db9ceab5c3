package io.conduit.provider.gemini;

import io.conduit.provider.spi.InboundCall;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI chat completion request as a Gemini {@code GenerateContentRequest}
 * (https://ai.google.dev/api/generate-content#request-body). Fields Gemini has no counterpart for
 * ({@code n}, {@code logprobs}, {@code user}, {@code metadata}, {@code parallel_tool_calls}, ...)
 * are dropped; the model travels in the path, not the body.
 */
final class ChatRequestMapper {

    private ChatRequestMapper() {}

    static byte[] body(InboundCall call) {
        JsonNode request = GeminiJson.tree(call.body());
        ObjectNode out = GeminiJson.MAPPER.createObjectNode();
        MessagesMapper.map(request.path("messages"), call.providerModel(), out);
        ToolsMapper.map(request, out);
        GenerationConfigMapper.map(request, call.providerModel(), out);
        return GeminiJson.bytes(out);
    }
}
