package io.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.anthropic.client.AnthropicClient;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.models.messages.Base64ImageSource;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import io.conduit.contracts.json.Json;
import io.conduit.contracts.usage.Outcome;
import io.conduit.contracts.usage.UsageEvent;
import io.conduit.provider.testkit.contract.ChatProviderFake;
import io.conduit.provider.testkit.contract.FakeAnswer;
import io.conduit.provider.testkit.contract.FakeAnswer.ToolCall;
import io.conduit.provider.testkit.contract.FakeAnswer.Usage;
import io.conduit.server.support.AnthropicSdk;
import io.conduit.server.support.FamilyFake;
import io.conduit.server.support.Gateway;
import io.conduit.server.support.OpenAiSdk;
import io.conduit.server.support.Upstream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * The official Anthropic Java SDK, pointed at the gateway's {@code /v1/messages} with a virtual
 * key, served by providers that are not Anthropic (OpenAI and Gemini behind an alias): answers,
 * streams, tool use, system prompts, images and errors all look to the SDK as Anthropic's would.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(value = FamilyFake.class, names = {"OPENAI", "GEMINI"})
class AnthropicSdkIT {

    private static final String PNG_BASE64 =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    @Parameter
    FamilyFake family;

    static Gateway gateway;
    static AnthropicClient client;
    static Upstream upstream;
    static String alias;

    @BeforeParameterizedClassInvocation
    static void start(FamilyFake family) {
        gateway = Gateway.get();
        client = AnthropicSdk.client(gateway, gateway.key);
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

    private static MessageCreateParams.Builder message(String requestId) {
        return MessageCreateParams.builder().model(alias).maxTokens(512).putAdditionalHeader("x-request-id", requestId);
    }

    private static MessageCreateParams.Builder weatherQuestion(String requestId) {
        return message(requestId).addTool(AnthropicSdk.WEATHER_TOOL).addUserMessage("What is the weather in Paris?");
    }

    /** The provider's request, in its own wire format. */
    private static JsonNode sent() {
        return upstream.lastRequest().json();
    }

    private void assertCharged(String requestId, boolean streamed, long input, long output) {
        UsageEvent event = gateway.usage.only(requestId);
        assertThat(event).extracting(UsageEvent::outcome, UsageEvent::provider, UsageEvent::providerModel,
                        UsageEvent::alias, UsageEvent::endpoint, UsageEvent::streamed, UsageEvent::promptTokens,
                        UsageEvent::completionTokens)
                .containsExactly(Outcome.OK, upstream.provider(), family.chatModel(), alias, "messages", streamed, input,
                        output);
    }

    @Test
    void creates_a_message() {
        fake().answer(FakeAnswer.text("Bonjour ! Comment puis-je vous aider ?", new Usage(9, 11, 0, 0)));
        String requestId = OpenAiSdk.requestId();

        Message message = client.messages().create(message(requestId).addUserMessage("Say hello in French.").build());

        assertThat(AnthropicSdk.text(message)).isEqualTo("Bonjour ! Comment puis-je vous aider ?");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.model().asString()).isEqualTo(alias);
        assertThat(List.of(message.usage().inputTokens(), message.usage().outputTokens())).containsExactly(9L, 11L);
        assertCharged(requestId, false, 9, 11);
    }

    @Test
    void streams_a_message_that_adds_up_to_the_plain_one() {
        fake().answer(FakeAnswer.text("Streaming, one piece at a time, with unicode: żółw 🐢.", new Usage(20, 14, 0, 0)));
        String plainId = OpenAiSdk.requestId();
        String streamedId = OpenAiSdk.requestId();

        Message plain = client.messages().create(message(plainId).addUserMessage("Stream something.").build());
        AnthropicSdk.Streamed streamed = AnthropicSdk.stream(client,
                message(streamedId).addUserMessage("Stream something.").build());

        assertThat(AnthropicSdk.text(streamed.message())).isEqualTo(AnthropicSdk.text(plain))
                .isEqualTo("Streaming, one piece at a time, with unicode: żółw 🐢.");
        assertThat(streamed.events()).as("an answer streamed in events").isGreaterThan(5);
        assertThat(streamed.message().stopReason()).isEqualTo(plain.stopReason()).contains(StopReason.END_TURN);
        assertThat(streamed.message().usage().outputTokens()).isEqualTo(plain.usage().outputTokens()).isEqualTo(14);
        assertCharged(plainId, false, 20, 14);
        assertCharged(streamedId, true, 20, 14);
    }

    @Test
    void round_trips_a_tool_use() {
        fake().answer(FakeAnswer.toolCalls(List.of(new ToolCall("call_wx1", "get_weather", "{\"city\":\"Paris\"}")),
                new Usage(30, 12, 0, 0)));
        String plainId = OpenAiSdk.requestId();
        String streamedId = OpenAiSdk.requestId();

        Message call = client.messages().create(weatherQuestion(plainId).build());
        Message streamedCall = AnthropicSdk.stream(client, weatherQuestion(streamedId).build()).message();

        for (Message message : List.of(call, streamedCall)) {
            assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
            assertThat(message.content()).singleElement().satisfies(block -> {
                ToolUseBlock use = block.asToolUse();
                assertThat(use.id()).isNotBlank();
                assertThat(use.name()).isEqualTo("get_weather");
                assertThat(use._input().convert(Map.class)).isEqualTo(Map.of("city", "Paris"));
            });
        }
        ToolUseBlock use = call.content().getFirst().asToolUse();
        fake().answer(FakeAnswer.text("It is 18°C and sunny in Paris.", new Usage(45, 9, 0, 0)));
        String resultId = OpenAiSdk.requestId();

        Message answer = client.messages().create(weatherQuestion(resultId).addMessage(call)
                .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                        .toolUseId(use.id()).content("18°C and sunny").build())))
                .build());

        assertThat(AnthropicSdk.text(answer)).isEqualTo("It is 18°C and sunny in Paris.");
        assertThat(answer.stopReason()).contains(StopReason.END_TURN);
        JsonNode sent = sent();
        switch (family) {
            case OPENAI -> {
                String callId = sent.findValues("tool_calls").getFirst().get(0).get("id").asString();
                assertThat(sent.findValues("tool_call_id")).extracting(JsonNode::asString).containsExactly(callId);
                assertThat(sent.path("messages").path(2).path("content").toString()).contains("18°C and sunny");
            }
            case GEMINI -> {
                assertThat(sent.findValues("functionCall")).singleElement()
                        .satisfies(c -> assertThat(c.path("name").asString()).isEqualTo("get_weather"));
                assertThat(sent.findValues("functionResponse")).singleElement().satisfies(r -> {
                    assertThat(r.path("name").asString()).isEqualTo("get_weather");
                    assertThat(r.path("response").toString()).contains("18°C and sunny");
                });
            }
            default -> throw new IllegalStateException("no check for " + family);
        }
        assertCharged(plainId, false, 30, 12);
        assertCharged(streamedId, true, 30, 12);
        assertCharged(resultId, false, 45, 9);
    }

    @Test
    void passes_the_system_prompt() {
        fake().answer(FakeAnswer.text("Paris.", new Usage(12, 2, 0, 0)));
        String requestId = OpenAiSdk.requestId();

        Message message = client.messages().create(message(requestId).system("Answer in one word.")
                .addUserMessage("What is the capital of France?").build());

        assertThat(AnthropicSdk.text(message)).isEqualTo("Paris.");
        assertCharged(requestId, false, 12, 2);
        JsonNode sent = sent();
        switch (family) {
            case OPENAI -> {
                assertThat(sent.path("messages").path(0).path("role").asString()).isIn("system", "developer");
                assertThat(sent.path("messages").path(0).path("content").toString()).contains("Answer in one word.");
                assertThat(sent.path("messages").path(1).path("role").asString()).isEqualTo("user");
            }
            case GEMINI -> {
                assertThat(sent.path("systemInstruction").toString()).contains("Answer in one word.");
                assertThat(sent.path("contents").toString()).doesNotContain("Answer in one word.");
            }
            default -> throw new IllegalStateException("no check for " + family);
        }
    }

    @Test
    void sends_an_image_block() {
        fake().answer(FakeAnswer.text("A single pixel.", new Usage(90, 4, 0, 0)));
        String requestId = OpenAiSdk.requestId();

        Message message = client.messages().create(message(requestId)
                .addUserMessageOfContentBlockParams(List.of(
                        ContentBlockParam.ofImage(Base64ImageSource.builder().data(PNG_BASE64)
                                .mediaType(Base64ImageSource.MediaType.IMAGE_PNG).build()),
                        ContentBlockParam.ofText("What is in this image?")))
                .build());

        assertThat(AnthropicSdk.text(message)).isEqualTo("A single pixel.");
        JsonNode sent = sent();
        switch (family) {
            case OPENAI -> assertThat(sent.findValues("image_url")).singleElement().satisfies(image ->
                    assertThat(image.path("url").asString()).isEqualTo("data:image/png;base64," + PNG_BASE64));
            case GEMINI -> assertThat(sent.findValues("inlineData")).singleElement().satisfies(image -> {
                assertThat(image.path("mimeType").asString()).isEqualTo("image/png");
                assertThat(image.path("data").asString()).isEqualTo(PNG_BASE64);
            });
            default -> throw new IllegalStateException("no check for " + family);
        }
        assertThat(sent.toString()).contains("What is in this image?");
        assertCharged(requestId, false, 90, 4);
    }

    @Test
    void reports_errors_as_the_sdks_typed_exceptions() {
        fake().answer(FakeAnswer.text("Never sent.", new Usage(1, 1, 0, 0)));
        int before = upstream.requestCount();

        assertThatThrownBy(() -> client.messages().create(MessageCreateParams.builder().model("no-such-model")
                .maxTokens(16).addUserMessage("Hi").build()))
                .isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.apiMessage()).hasValueSatisfying(m -> assertThat(m).contains("no-such-model")));
        assertThatThrownBy(() -> AnthropicSdk.client(gateway, "condt_" + "B".repeat(40)).messages()
                .create(message(OpenAiSdk.requestId()).addUserMessage("Hi").build()))
                .isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> client.messages().create(message(OpenAiSdk.requestId()).maxTokens(0)
                .addUserMessage("Hi").build()))
                .isInstanceOfSatisfying(BadRequestException.class,
                        e -> assertThat(e.apiMessage()).hasValueSatisfying(m -> assertThat(m).contains("max_tokens")));
        assertThat(upstream.requestCount()).as("no bad request reached the provider").isEqualTo(before);
    }

    @Test
    void reports_provider_failures_as_the_sdks_typed_exceptions() {
        // an alias of its own: the rate-limited deployment rests, and the other tests' must not
        String failing = gateway.alias(upstream.provider(), family.chatModel());
        String refusedId = OpenAiSdk.requestId();
        String limitedId = OpenAiSdk.requestId();

        fake().fail(400);
        assertThatThrownBy(() -> client.messages().create(hi(failing, refusedId)))
                .isInstanceOfSatisfying(BadRequestException.class, AnthropicSdkIT::assertNoSecrets);
        fake().fail(429);
        assertThatThrownBy(() -> client.messages().create(hi(failing, limitedId)))
                .isInstanceOfSatisfying(RateLimitException.class, AnthropicSdkIT::assertNoSecrets);
        fake().answer(FakeAnswer.text("Back again.", new Usage(3, 2, 0, 0)));

        assertThat(List.of(gateway.usage.only(refusedId), gateway.usage.only(limitedId)))
                .extracting(UsageEvent::outcome, UsageEvent::httpStatus)
                .containsExactly(tuple(Outcome.UPSTREAM_ERROR, 400), tuple(Outcome.UPSTREAM_ERROR, 429));
    }

    private static MessageCreateParams hi(String model, String requestId) {
        return MessageCreateParams.builder().model(model).maxTokens(16).addUserMessage("Hi")
                .putAdditionalHeader("x-request-id", requestId).build();
    }

    private static void assertNoSecrets(AnthropicServiceException e) {
        String seen = e.body().toString() + e.headers().toString() + e.getMessage();
        assertThat(seen).doesNotContain(upstream.credential())
                .doesNotContain(upstream.fake().baseUrl().getAuthority());
    }
}
