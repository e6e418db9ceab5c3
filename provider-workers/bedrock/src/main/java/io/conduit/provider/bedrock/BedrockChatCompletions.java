package io.conduit.provider.bedrock;

import io.conduit.provider.bedrock.ConverseTools.JsonSchemaMode;
import io.conduit.provider.bedrock.eventstream.EventStreamDecoder;
import io.conduit.provider.spi.ChatCompletions;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ModelCapabilities;
import io.conduit.provider.spi.ModelFeature;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.StreamDecoder;
import io.conduit.provider.spi.StreamRelay;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.UpstreamRequest;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Chat completions over Bedrock's Converse and ConverseStream operations. */
final class BedrockChatCompletions implements ChatCompletions {

    /** Provider setting: {@code native} or {@code tool}, how to ask for {@code json_schema} answers. */
    static final String STRUCTURED_OUTPUT_SETTING = "structured_output";

    private final Clock clock;
    private final RequestSigner signer;
    private final ConverseResponseMapper responses;

    BedrockChatCompletions(Clock clock) {
        this.clock = clock;
        this.signer = new RequestSigner(clock);
        this.responses = new ConverseResponseMapper(clock);
    }

    @Override
    public UpstreamRequest request(ProviderEndpoint endpoint, InboundCall call) {
        BedrockCredentials credentials = BedrockCredentials.parse(endpoint.apiKey());
        ModelCapabilities capabilities = BedrockModels.capabilities(call.providerModel());
        byte[] body = ConverseRequestMapper.map(call, capabilities, jsonSchemaMode(endpoint, capabilities));
        URI uri = ConverseTarget.uri(endpoint, call.providerModel(), call.stream());
        Map<String, String> headers = Map.of(
                "content-type", "application/json",
                "accept", call.stream() ? "application/vnd.amazon.eventstream" : "application/json");
        return new UpstreamRequest(uri,
                signer.sign(uri, headers, body, credentials, ConverseTarget.region(endpoint)), body);
    }

    @Override
    public TokenUsage usage(byte[] responseBody) {
        return ConverseResponseMapper.usage(BedrockJson.read(responseBody));
    }

    @Override
    public byte[] responseBody(byte[] providerBody) {
        return responses.toOpenAi(providerBody, ConverseResponseMapper.UNNAMED_MODEL);
    }

    /** Converse answers do not name the model: the answer names the one the call asked for. */
    @Override
    public byte[] responseBody(InboundCall call, byte[] providerBody) {
        return responses.toOpenAi(providerBody, call.providerModel());
    }

    @Override
    public StreamRelay openStream(InboundCall call) {
        ChunkWriter chunks = new ChunkWriter("chatcmpl-" + UUID.randomUUID(), clock.instant().getEpochSecond(),
                call.providerModel());
        return new ConverseStreamRelay(chunks, call.clientWantsUsage());
    }

    @Override
    public StreamDecoder streamDecoder() {
        return new EventStreamDecoder();
    }

    /** The {@code structured_output} setting, else native where the model is known to support it. */
    static JsonSchemaMode jsonSchemaMode(ProviderEndpoint endpoint, ModelCapabilities capabilities) {
        return endpoint.setting(STRUCTURED_OUTPUT_SETTING)
                .map(v -> v.strip().toLowerCase(Locale.ROOT).equals("native") ? JsonSchemaMode.NATIVE : JsonSchemaMode.TOOL)
                .orElse(capabilities.supports(ModelFeature.JSON_SCHEMA) ? JsonSchemaMode.NATIVE : JsonSchemaMode.TOOL);
    }
}
