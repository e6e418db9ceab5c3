package io.conduit.provider.dialects;

import io.conduit.contracts.error.ErrorEnvelope;
import java.time.Clock;

/**
 * Serves OpenAI's Responses API ({@code POST /v1/responses}) over chat completions, statelessly:
 * nothing is stored, so {@code previous_response_id} and conversations are refused. See
 * {@code docs/api/responses.md} for what maps to what.
 */
public final class OpenAiResponsesDialect implements ClientDialect {

    private final Clock clock;

    public OpenAiResponsesDialect() {
        this(Clock.systemUTC());
    }

    OpenAiResponsesDialect(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ChatRequest toChatRequest(byte[] clientBody) {
        return ResponsesRequestMapper.map(clientBody, Ids.openAi("resp_"), clock.instant().getEpochSecond());
    }

    @Override
    public byte[] fromChatResponse(byte[] chatCompletion, ChatRequest request) {
        return ResponsesResponseMapper.map(chatCompletion, request, clock.instant().getEpochSecond());
    }

    @Override
    public DialectStream openStream(ChatRequest request) {
        return new ResponsesStreamTranslator(request, clock);
    }

    /** The Responses API answers errors with the OpenAI error envelope, unchanged. */
    @Override
    public byte[] errorBody(int status, String type, String code, String param, String message) {
        return ErrorEnvelope.json(message, type, param, code);
    }
}
