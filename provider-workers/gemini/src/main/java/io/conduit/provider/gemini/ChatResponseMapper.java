package io.conduit.provider.gemini;

import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.ProviderException;
import java.time.Clock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Gemini {@code GenerateContentResponse} as an OpenAI {@code chat.completion}: text as content,
 * thought parts as {@code reasoning_content}, function calls as {@code tool_calls} (arguments the
 * compact JSON of {@code args}), the finish reason and usage mapped. A prompt Gemini blocked
 * ({@code promptFeedback.blockReason}, no candidates) is an empty answer ending in {@code content_filter}.
 */
final class ChatResponseMapper {

    private final Clock clock;
    private final GeminiErrorMapper errors;

    ChatResponseMapper(Clock clock, GeminiErrorMapper errors) {
        this.clock = clock;
        this.errors = errors;
    }

    byte[] body(byte[] providerBody) {
        JsonNode response = GeminiJson.parseOrNull(providerBody, 0, providerBody.length);
        if (response == null || !response.isObject()) {
            throw ProviderException.of(ProviderException.Kind.SERVER_ERROR, 200, new ProviderError(
                    "The provider answered with a body that is not a JSON object.", "api_error", null, null), null);
        }
        if (response.path("error").isObject()) {
            throw errors.fromErrorObject(200, response.path("error"), name -> null);
        }
        GeminiTurn turn = GeminiTurn.read(response, 0);
        ObjectNode out = OpenAiChat.head(OpenAiChat.completionId(turn.responseId()), "chat.completion",
                clock.instant().getEpochSecond(), turn.modelVersion() == null ? "" : turn.modelVersion());
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (turn.text().isEmpty() && !turn.toolCalls().isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", turn.text());
        }
        if (!turn.reasoning().isEmpty()) {
            message.put("reasoning_content", turn.reasoning());
        }
        if (!turn.toolCalls().isEmpty()) {
            message.set("tool_calls", OpenAiChat.toolCalls(turn.toolCalls(), 0, false));
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", FinishReasons.openAi(turn.finishReason(), turn.blockReason(),
                !turn.toolCalls().isEmpty()));
        out.set("usage", GeminiUsage.openAi(GeminiUsage.tokens(turn.usage())));
        return GeminiJson.bytes(out);
    }
}
