package io.conduit.provider.dialects;

import java.time.Clock;

/**
 * Serves Anthropic's Messages API ({@code POST /v1/messages}) over chat completions. See
 * {@code docs/api/messages.md} for what maps to what and what is not supported.
 */
public final class AnthropicMessagesDialect implements ClientDialect {

    private final Clock clock;

    public AnthropicMessagesDialect() {
        this(Clock.systemUTC());
    }

    AnthropicMessagesDialect(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ChatRequest toChatRequest(byte[] clientBody) {
        return AnthropicRequestMapper.map(clientBody, Ids.anthropic("msg_"), clock.instant().getEpochSecond());
    }

    @Override
    public byte[] fromChatResponse(byte[] chatCompletion, ChatRequest request) {
        return AnthropicResponseMapper.map(chatCompletion, request);
    }

    @Override
    public DialectStream openStream(ChatRequest request) {
        return new AnthropicStreamTranslator(request);
    }

    /** Anthropic errors carry no param field, so the param leads the message as Anthropic's own do. */
    @Override
    public byte[] errorBody(int status, String type, String code, String param, String message) {
        return AnthropicErrors.body(status, param, message);
    }
}
