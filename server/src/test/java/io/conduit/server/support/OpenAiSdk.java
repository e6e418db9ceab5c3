package io.conduit.server.support;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStreamEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The official OpenAI Java SDK pointed at the gateway, and what the tests do with it. */
public final class OpenAiSdk {

    /** A function tool as the tests declare it. */
    public static final ChatCompletionFunctionTool WEATHER_TOOL = ChatCompletionFunctionTool.builder()
            .function(FunctionDefinition.builder().name("get_weather").description("Current weather in a city")
                    .parameters(FunctionParameters.builder()
                            .putAdditionalProperty("type", JsonValue.from("object"))
                            .putAdditionalProperty("properties", JsonValue.from(Map.of(
                                    "city", Map.of("type", "string"), "unit", Map.of("type", "string"))))
                            .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                            .build())
                    .build())
            .build();

    /** The same function as a Responses API tool. */
    public static final FunctionTool WEATHER_FUNCTION = FunctionTool.builder().name("get_weather")
            .description("Current weather in a city").strict(false)
            .parameters(FunctionTool.Parameters.builder()
                    .putAdditionalProperty("type", JsonValue.from("object"))
                    .putAdditionalProperty("properties", JsonValue.from(Map.of(
                            "city", Map.of("type", "string"), "unit", Map.of("type", "string"))))
                    .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                    .build())
            .build();

    private OpenAiSdk() {}

    public static OpenAIClient client(Gateway gateway, String key) {
        return OpenAIOkHttpClient.builder().baseUrl(gateway.baseUrl()).apiKey(key).maxRetries(0)
                .timeout(Duration.ofSeconds(20)).build();
    }

    /** A fresh {@code x-request-id}, to find the call's usage event by. */
    public static String requestId() {
        return "it-" + UUID.randomUUID();
    }

    /** Streams a chat completion and joins it with the SDK's accumulator; also returns the raw chunks. */
    public static Streamed<ChatCompletion, ChatCompletionChunk> stream(OpenAIClient client, ChatCompletionCreateParams params) {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunk -> chunks.add(accumulator.accumulate(chunk)));
        }
        return new Streamed<>(accumulator.chatCompletion(), chunks);
    }

    /** Streams a response and joins it with the SDK's accumulator; also returns the raw events. */
    public static Streamed<Response, ResponseStreamEvent> stream(OpenAIClient client, ResponseCreateParams params) {
        ResponseAccumulator accumulator = ResponseAccumulator.create();
        List<ResponseStreamEvent> events = new ArrayList<>();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(params)) {
            stream.stream().forEach(event -> events.add(accumulator.accumulate(event)));
        }
        return new Streamed<>(accumulator.response(), events);
    }

    /** A joined stream and the pieces it came in. */
    public record Streamed<T, E>(T joined, List<E> pieces) {}

    /** The text of a chat completion's first choice, "" when it has none. */
    public static String text(ChatCompletion completion) {
        return completion.choices().getFirst().message().content().orElse("");
    }

    /** The output text of a response: every output text part of every message, in order. */
    public static String text(Response response) {
        StringBuilder text = new StringBuilder();
        for (ResponseOutputItem item : response.output()) {
            item.message().ifPresent(message -> message.content().forEach(
                    content -> content.outputText().ifPresent(t -> text.append(t.text()))));
        }
        return text.toString();
    }
}
