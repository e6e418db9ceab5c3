package io.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseUsage;
import io.conduit.contracts.json.Json;
import io.conduit.contracts.usage.Outcome;
import io.conduit.contracts.usage.UsageEvent;
import io.conduit.provider.testkit.contract.ChatProviderFake;
import io.conduit.provider.testkit.contract.FakeAnswer;
import io.conduit.provider.testkit.contract.FakeAnswer.ToolCall;
import io.conduit.provider.testkit.contract.FakeAnswer.Usage;
import io.conduit.server.support.FamilyFake;
import io.conduit.server.support.Gateway;
import io.conduit.server.support.OpenAiSdk;
import io.conduit.server.support.OpenAiSdk.Streamed;
import io.conduit.server.support.Upstream;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every provider family end to end: configured through the admin API with its fake upstream as
 * base URL, called through the gateway with the official OpenAI SDK (chat plain and streamed,
 * tools, embeddings, the Responses API), each call recorded as exactly one usage event with the
 * provider's token counts.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(FamilyFake.class)
class ProviderFamiliesIT {

    private static final String WEATHER_ARGUMENTS = "{\"city\":\"Paris\",\"unit\":\"celsius\"}";

    @Parameter
    FamilyFake family;

    static Gateway gateway;
    static OpenAIClient client;
    static Upstream upstream;
    static String alias;

    @BeforeParameterizedClassInvocation
    static void start(FamilyFake family) {
        gateway = Gateway.get();
        client = OpenAiSdk.client(gateway, gateway.key);
        upstream = family.start(gateway.admin);
        alias = gateway.alias(upstream.provider(), family.chatModel());
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        upstream.close();
    }

    private static ChatProviderFake fake() {
        return upstream.fake();
    }

    private static ChatCompletionCreateParams.Builder question(String requestId) {
        return ChatCompletionCreateParams.builder().model(alias).addSystemMessage("Be brief.")
                .addUserMessage("What is the capital of France?").putAdditionalHeader("x-request-id", requestId);
    }

    private static ChatCompletionCreateParams.Builder weatherQuestion(String requestId) {
        return ChatCompletionCreateParams.builder().model(alias).addUserMessage("What is the weather in Paris?")
                .addTool(OpenAiSdk.WEATHER_TOOL).putAdditionalHeader("x-request-id", requestId);
    }

    private static ChatCompletionStreamOptions includeUsage() {
        return ChatCompletionStreamOptions.builder().includeUsage(true).build();
    }

    /** The call's one usage event names this provider and model and carries the provider's counts. */
    private void assertCharged(String requestId, String endpoint, String clientModel, String providerModel,
            boolean streamed, long prompt, long completion) {
        UsageEvent event = gateway.usage.only(requestId);
        assertThat(event).extracting(UsageEvent::outcome, UsageEvent::provider, UsageEvent::providerModel,
                        UsageEvent::alias, UsageEvent::endpoint, UsageEvent::streamed, UsageEvent::promptTokens,
                        UsageEvent::completionTokens, UsageEvent::usageEstimated)
                .containsExactly(Outcome.OK, upstream.provider(), providerModel, clientModel, endpoint, streamed, prompt,
                        completion, false);
    }

    private void assertCharged(String requestId, boolean streamed, long prompt, long completion) {
        assertCharged(requestId, "chat.completions", alias, family.chatModel(), streamed, prompt, completion);
    }

    private static void assertUsage(CompletionUsage usage, long prompt, long completion) {
        assertThat(List.of(usage.promptTokens(), usage.completionTokens(), usage.totalTokens()))
                .containsExactly(prompt, completion, prompt + completion);
    }

    @Test
    void answers_a_chat_completion() {
        fake().answer(FakeAnswer.text("Paris is the capital of France.", new Usage(14, 7, 0, 0)));
        String requestId = OpenAiSdk.requestId();

        ChatCompletion completion = client.chat().completions().create(question(requestId).build());

        assertThat(OpenAiSdk.text(completion)).isEqualTo("Paris is the capital of France.");
        assertThat(completion.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertUsage(completion.usage().orElseThrow(), 14, 7);
        assertThat(upstream.lastRequest().bodyText()).contains("Be brief.").contains("capital of France");
        assertCharged(requestId, false, 14, 7);
    }

    @Test
    void streams_the_same_answer_with_usage_only_when_asked() {
        String told = "Streaming, one piece at a time, with unicode: żółw 🐢.";
        fake().answer(FakeAnswer.text(told, new Usage(20, 14, 0, 0)));
        String plainId = OpenAiSdk.requestId();
        String streamedId = OpenAiSdk.requestId();
        String quietId = OpenAiSdk.requestId();

        ChatCompletion plain = client.chat().completions().create(question(plainId).build());
        Streamed<ChatCompletion, ChatCompletionChunk> streamed = OpenAiSdk.stream(client,
                question(streamedId).streamOptions(includeUsage()).build());
        Streamed<ChatCompletion, ChatCompletionChunk> quiet = OpenAiSdk.stream(client, question(quietId).build());

        assertThat(OpenAiSdk.text(streamed.joined())).isEqualTo(OpenAiSdk.text(plain)).isEqualTo(told);
        assertThat(OpenAiSdk.text(quiet.joined())).isEqualTo(told);
        assertThat(streamed.pieces()).as("an answer streamed in pieces").hasSizeGreaterThan(2);
        assertThat(streamed.joined().choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertUsage(streamed.joined().usage().orElseThrow(), 20, 14);
        assertThat(quiet.pieces()).noneMatch(chunk -> chunk.usage().isPresent());
        assertCharged(plainId, false, 20, 14);
        assertCharged(streamedId, true, 20, 14);
        assertCharged(quietId, true, 20, 14);
    }

    @Test
    void calls_a_tool_plain_and_streamed() {
        fake().answer(FakeAnswer.toolCalls(List.of(new ToolCall("call_wx1", "get_weather", WEATHER_ARGUMENTS)),
                new Usage(30, 12, 0, 0)));
        String plainId = OpenAiSdk.requestId();
        String streamedId = OpenAiSdk.requestId();

        ChatCompletion plain = client.chat().completions().create(weatherQuestion(plainId).build());
        ChatCompletion streamed = OpenAiSdk.stream(client,
                weatherQuestion(streamedId).streamOptions(includeUsage()).build()).joined();

        for (ChatCompletion completion : List.of(plain, streamed)) {
            assertThat(completion.choices().getFirst().finishReason())
                    .isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
            assertThat(completion.choices().getFirst().message().toolCalls().orElseThrow()).singleElement()
                    .satisfies(call -> {
                        ChatCompletionMessageFunctionToolCall function = call.asFunction();
                        assertThat(function.id()).isNotBlank();
                        assertThat(function.function().name()).isEqualTo("get_weather");
                        assertThat(Json.mapper().readTree(function.function().arguments()))
                                .isEqualTo(Json.mapper().readTree(WEATHER_ARGUMENTS));
                    });
        }
        assertUsage(streamed.usage().orElseThrow(), 30, 12);
        assertThat(upstream.lastRequest().bodyText()).contains("get_weather").contains("Current weather in a city");
        assertCharged(plainId, false, 30, 12);
        assertCharged(streamedId, true, 30, 12);
    }

    @Test
    void a_stream_the_provider_breaks_off_ends_with_an_error_and_is_charged_once() {
        fake().failMidStream(FakeAnswer.text("The first half arrives, and then the provider fails before the end.",
                new Usage(18, 16, 0, 0)));
        String requestId = OpenAiSdk.requestId();

        HttpResponse<String> response = gateway.post("/v1/chat/completions", gateway.key, Gateway.chat(alias, true),
                "x-request-id", requestId);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"chat.completion.chunk\"").contains("\"error\"")
                .doesNotContain("data: [DONE]");
        UsageEvent event = gateway.usage.only(requestId);
        assertThat(event.outcome()).isIn(Outcome.UPSTREAM_CUT, Outcome.UPSTREAM_ERROR);
        assertThat(event.provider()).isEqualTo(upstream.provider());
        assertThat(event.streamed()).isTrue();
        assertThat(event.promptTokens()).isPositive();
        assertThat(event.completionTokens()).as("what was generated before the failure").isPositive();
    }

    @Test
    void answers_after_a_tool_result() {
        fake().answer(FakeAnswer.toolCalls(List.of(new ToolCall("call_wx2", "get_weather", WEATHER_ARGUMENTS)),
                new Usage(30, 12, 0, 0)));
        ChatCompletion call = client.chat().completions().create(weatherQuestion(OpenAiSdk.requestId()).build());
        String toolCallId = call.choices().getFirst().message().toolCalls().orElseThrow().getFirst().asFunction().id();
        fake().answer(FakeAnswer.text("It is 18°C and sunny in Paris.", new Usage(45, 9, 0, 0)));
        String requestId = OpenAiSdk.requestId();

        ChatCompletion answer = client.chat().completions().create(weatherQuestion(requestId)
                .addMessage(call.choices().getFirst().message())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(toolCallId)
                        .content("{\"temperature_c\":18,\"sky\":\"sunny\"}").build())
                .build());

        assertThat(OpenAiSdk.text(answer)).isEqualTo("It is 18°C and sunny in Paris.");
        assertThat(upstream.lastRequest().bodyText()).as("the tool result went to the provider").contains("sunny");
        assertCharged(requestId, false, 45, 9);
    }

    @Test
    void creates_embeddings_where_the_family_has_them() {
        assumeTrue(family.hasEmbeddings(), "no embeddings in this family");
        String embeddingAlias = gateway.alias(upstream.provider(), family.embeddingModel());
        String requestId = OpenAiSdk.requestId();

        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .model(embeddingAlias).input("The quick brown fox jumps").putAdditionalHeader("x-request-id", requestId)
                .build());

        assertThat(response.data()).singleElement().satisfies(e -> assertThat(e.embedding()).isNotEmpty());
        if (family == FamilyFake.GEMINI) {
            // the Gemini API reports no embedding tokens: the gateway counts them itself
            assertThat(response.usage().promptTokens()).isZero();
            UsageEvent event = gateway.usage.only(requestId);
            assertThat(event.promptTokens()).isEqualTo(5);
            assertThat(event.usageEstimated()).isTrue();
            assertThat(event.provider()).isEqualTo(upstream.provider());
        } else {
            assertThat(response.usage().promptTokens()).isPositive();
            assertCharged(requestId, "embeddings", embeddingAlias, family.embeddingModel(), false,
                    response.usage().promptTokens(), 0);
        }
    }

    @Test
    void refuses_embeddings_where_the_family_has_none() {
        assumeFalse(family.hasEmbeddings(), "this family has embeddings");
        int before = upstream.requestCount();

        assertThatThrownBy(() -> client.embeddings().create(EmbeddingCreateParams.builder().model(alias)
                .input("The quick brown fox").build()))
                .isInstanceOfSatisfying(BadRequestException.class,
                        e -> assertThat(e.code()).contains("unsupported_operation"));
        assertThat(upstream.requestCount()).isEqualTo(before);
    }

    @Test
    void serves_the_responses_api_plain_and_streamed() {
        fake().answer(FakeAnswer.text("Paris, on the Seine.", new Usage(16, 5, 0, 0)));
        String plainId = OpenAiSdk.requestId();
        String streamedId = OpenAiSdk.requestId();

        Response plain = client.responses().create(ResponseCreateParams.builder().model(alias)
                .input("What is the capital of France?").putAdditionalHeader("x-request-id", plainId).build());
        Streamed<Response, ResponseStreamEvent> streamed = OpenAiSdk.stream(client, ResponseCreateParams.builder()
                .model(alias).input("What is the capital of France?").putAdditionalHeader("x-request-id", streamedId)
                .build());

        assertThat(OpenAiSdk.text(plain)).isEqualTo("Paris, on the Seine.");
        assertThat(OpenAiSdk.text(streamed.joined())).isEqualTo(OpenAiSdk.text(plain));
        assertThat(streamed.pieces()).as("an answer streamed in events").hasSizeGreaterThan(4);
        for (Response response : List.of(plain, streamed.joined())) {
            assertThat(response.status()).contains(ResponseStatus.COMPLETED);
            ResponseUsage usage = response.usage().orElseThrow();
            assertThat(List.of(usage.inputTokens(), usage.outputTokens())).containsExactly(16L, 5L);
        }
        assertCharged(plainId, "responses", alias, family.chatModel(), false, 16, 5);
        assertCharged(streamedId, "responses", alias, family.chatModel(), true, 16, 5);
    }

    @Test
    void calls_a_function_through_the_responses_api_plain_and_streamed() {
        fake().answer(FakeAnswer.toolCalls(List.of(new ToolCall("call_wx3", "get_weather", WEATHER_ARGUMENTS)),
                new Usage(30, 12, 0, 0)));
        String plainId = OpenAiSdk.requestId();
        String streamedId = OpenAiSdk.requestId();

        Response plain = client.responses().create(ResponseCreateParams.builder().model(alias)
                .input("What is the weather in Paris?").addTool(OpenAiSdk.WEATHER_FUNCTION)
                .putAdditionalHeader("x-request-id", plainId).build());
        Response streamed = OpenAiSdk.stream(client, ResponseCreateParams.builder().model(alias)
                .input("What is the weather in Paris?").addTool(OpenAiSdk.WEATHER_FUNCTION)
                .putAdditionalHeader("x-request-id", streamedId).build()).joined();

        for (Response response : List.of(plain, streamed)) {
            assertThat(response.output()).singleElement().satisfies(item -> {
                var call = item.functionCall().orElseThrow();
                assertThat(call.callId()).isNotBlank();
                assertThat(call.name()).isEqualTo("get_weather");
                assertThat(Json.mapper().readTree(call.arguments())).isEqualTo(Json.mapper().readTree(WEATHER_ARGUMENTS));
            });
        }
        assertCharged(plainId, "responses", alias, family.chatModel(), false, 30, 12);
        assertCharged(streamedId, "responses", alias, family.chatModel(), true, 30, 12);
    }
}
