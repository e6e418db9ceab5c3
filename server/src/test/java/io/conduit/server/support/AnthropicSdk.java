package io.conduit.server.support;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.Tool;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The official Anthropic Java SDK pointed at the gateway. The SDK appends {@code /v1/messages} to
 * its base URL, so the base URL is the gateway's root; it sends the key as {@code x-api-key}.
 */
public final class AnthropicSdk {

    /** A client tool as the tests declare it. */
    public static final Tool WEATHER_TOOL = Tool.builder().name("get_weather").description("Current weather in a city")
            .inputSchema(Tool.InputSchema.builder()
                    .properties(Tool.InputSchema.Properties.builder()
                            .putAdditionalProperty("city", JsonValue.from(Map.of("type", "string")))
                            .putAdditionalProperty("unit", JsonValue.from(Map.of("type", "string")))
                            .build())
                    .required(List.of("city"))
                    .build())
            .build();

    private AnthropicSdk() {}

    public static AnthropicClient client(Gateway gateway, String key) {
        return AnthropicOkHttpClient.builder().baseUrl("http://127.0.0.1:" + gateway.server.ingressPort()).apiKey(key)
                .maxRetries(0).timeout(Duration.ofSeconds(20)).build();
    }

    /** Streams a message and joins it with the SDK's accumulator; also returns how many events came. */
    public static Streamed stream(AnthropicClient client, MessageCreateParams params) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        int events = 0;
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
            for (RawMessageStreamEvent event : (Iterable<RawMessageStreamEvent>) stream.stream()::iterator) {
                accumulator.accumulate(event);
                events++;
            }
        }
        return new Streamed(accumulator.message(), events);
    }

    /** A joined stream and the number of events it came in. */
    public record Streamed(Message message, int events) {}

    /** The text blocks of a message, joined. */
    public static String text(Message message) {
        StringBuilder text = new StringBuilder();
        for (ContentBlock block : message.content()) {
            block.text().ifPresent(t -> text.append(t.text()));
        }
        return text.toString();
    }
}
