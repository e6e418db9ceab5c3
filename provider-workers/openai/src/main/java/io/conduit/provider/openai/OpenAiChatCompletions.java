package io.conduit.provider.openai;

import io.conduit.provider.openai.internal.UsageReader;
import io.conduit.provider.spi.ChatCompletions;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ModelCapabilities;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.StreamRelay;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.UpstreamRequest;
import io.conduit.provider.spi.json.JsonMember;
import io.conduit.provider.spi.json.JsonObjectScan;
import io.conduit.provider.spi.json.JsonType;
import io.conduit.provider.spi.json.MalformedJsonException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Chat completions on an OpenAI-compatible API: the client's request and the provider's answer pass
 * through, shaped by the preset (fields, URL, credential header, usage names).
 */
final class OpenAiChatCompletions implements ChatCompletions {

    private final OpenAiPreset preset;
    private final UsageReader usageReader;
    private final Function<String, ModelCapabilities> capabilities;

    OpenAiChatCompletions(OpenAiPreset preset, Function<String, ModelCapabilities> capabilities) {
        this.preset = preset;
        this.usageReader = new UsageReader(preset.usage());
        this.capabilities = capabilities;
    }

    @Override
    public UpstreamRequest request(ProviderEndpoint endpoint, InboundCall call) {
        return new UpstreamRequest(
                UpstreamRoutes.uri(preset, endpoint, "/chat/completions", call.providerModel()),
                UpstreamRoutes.headers(preset, endpoint, call.stream()),
                ChatRequestBody.of(preset, call, capabilities.apply(call.providerModel())));
    }

    @Override
    public TokenUsage usage(byte[] responseBody) {
        return usageReader.fromBody(responseBody);
    }

    /** The provider's body, with its usage object given OpenAI's detail fields when it names them differently. */
    @Override
    public byte[] responseBody(byte[] providerBody) {
        if (!preset.usage().normalizes()) {
            return providerBody;
        }
        try {
            JsonObjectScan body = JsonObjectScan.parse(providerBody);
            Optional<JsonMember> usage = body.member("usage").filter(m -> m.type() == JsonType.OBJECT);
            if (usage.isEmpty()) {
                return providerBody;
            }
            JsonMember m = usage.get();
            byte[] normalized = usageReader.normalized(providerBody, m.start(), m.end() - m.start());
            return normalized == null ? providerBody : body.rewrite(Map.of("usage", normalized), Map.of());
        } catch (MalformedJsonException e) {
            return providerBody;
        }
    }

    @Override
    public StreamRelay openStream(InboundCall call) {
        return new OpenAiStreamRelay(call.clientWantsUsage(), preset.usage());
    }
}
