package io.conduit.provider.anthropic;

import io.conduit.provider.anthropic.internal.Jsons;
import io.conduit.provider.spi.ChatCompletions;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.StreamRelay;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.UpstreamRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Chat completions over Anthropic's Messages API ({@code POST {base_url}/messages}), plain and
 * streamed. Authenticates with {@code x-api-key}; sends {@code anthropic-version} (setting
 * {@code anthropic_version}, default {@value #API_VERSION}) and, when set, {@code anthropic-beta}
 * (setting {@code anthropic_beta}).
 */
final class AnthropicChatCompletions implements ChatCompletions {

    static final String API_VERSION = "2023-06-01";
    static final String VERSION_SETTING = "anthropic_version";
    static final String BETA_SETTING = "anthropic_beta";

    private final Clock clock;
    private final MessageResponseMapper responses;

    AnthropicChatCompletions(Clock clock) {
        this.clock = clock;
        this.responses = new MessageResponseMapper(clock);
    }

    @Override
    public UpstreamRequest request(ProviderEndpoint endpoint, InboundCall call) {
        ClaudeModel model = ClaudeModels.find(call.providerModel());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-api-key", endpoint.apiKey());
        headers.put("anthropic-version", endpoint.setting(VERSION_SETTING).orElse(API_VERSION));
        endpoint.setting(BETA_SETTING).ifPresent(beta -> headers.put("anthropic-beta", beta));
        headers.put("content-type", "application/json");
        headers.put("accept", call.stream() ? "text/event-stream" : "application/json");
        byte[] body = Jsons.bytes(MessagesRequestMapper.map(endpoint, call, model));
        return new UpstreamRequest(endpoint.resolve("/messages"), Map.copyOf(headers), body);
    }

    @Override
    public TokenUsage usage(byte[] responseBody) {
        JsonNode message = Jsons.read(responseBody);
        if (!message.isObject() || !message.path("usage").isObject()) {
            return TokenUsage.NONE;
        }
        return MessageResponseMapper.read(message).tokenUsage();
    }

    @Override
    public byte[] responseBody(byte[] providerBody) {
        JsonNode message = Jsons.read(providerBody);
        if (message.isObject() && "error".equals(message.path("type").asString(""))) {
            throw AnthropicErrorMapper.fromStreamEvent(message.path("error"));
        }
        if (!message.isObject()) {
            throw ProviderException.of(ProviderException.Kind.SERVER_ERROR, 200,
                    new ProviderError("The provider answered with a body that is not a message.", "api_error", null, null),
                    null);
        }
        return responses.toChatCompletion(MessageResponseMapper.read(message));
    }

    @Override
    public StreamRelay openStream(InboundCall call) {
        return new AnthropicStreamRelay(call.clientWantsUsage(), clock);
    }
}
