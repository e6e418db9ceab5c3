package io.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import io.conduit.provider.testkit.Behavior;
import io.conduit.server.support.Gateway;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK, pointed at the gateway, works for every API and error case. */
class OpenAiSdkIT {

    static Gateway gateway;
    static OpenAIClient client;

    @BeforeAll
    static void start() {
        gateway = Gateway.get();
        client = sdk(gateway.key);
    }

    static OpenAIClient sdk(String key) {
        return OpenAIOkHttpClient.builder().baseUrl(gateway.baseUrl()).apiKey(key).maxRetries(0)
                .timeout(Duration.ofSeconds(20)).build();
    }

    static ChatCompletionCreateParams chat(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("Say hello").build();
    }

    @Test
    void creates_a_chat_completion() {
        ChatCompletion completion = client.chat().completions().create(chat(gateway.alias));

        assertThat(completion.choices().getFirst().message().content()).contains("Hello from fake");
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(3);
    }

    @Test
    void streams_a_chat_completion() {
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(chat(gateway.alias))) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
        }

        assertThat(text.toString()).isEqualTo("Hello from fake");
    }

    @Test
    void creates_embeddings() {
        CreateEmbeddingResponse response = client.embeddings().create(
                EmbeddingCreateParams.builder().model(gateway.alias).input("hello world").build());

        assertThat(response.data()).hasSize(1);
        assertThat(response.data().getFirst().embedding()).isNotEmpty();
        assertThat(response.usage().promptTokens()).isEqualTo(2);
    }

    @Test
    void lists_models() {
        assertThat(client.models().list().data()).extracting(Model::id).contains(gateway.alias);
        assertThat(client.models().retrieve(gateway.alias).id()).isEqualTo(gateway.alias);
    }

    @Test
    void reports_each_error_as_the_sdk_expects() {
        assertThatThrownBy(() -> sdk("condt_" + "B".repeat(40)).chat().completions().create(chat(gateway.alias)))
                .isInstanceOf(UnauthorizedException.class);
        String restricted = gateway.key("{\"name\":\"sdk-narrow\",\"allowed_models\":[\"nothing-*\"]}");
        assertThatThrownBy(() -> sdk(restricted).chat().completions().create(chat(gateway.alias)))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> client.chat().completions().create(chat("no-such-model")))
                .isInstanceOf(NotFoundException.class);
        String big = "x".repeat(Gateway.MAX_BODY_BYTES);
        assertThatThrownBy(() -> client.chat().completions().create(
                ChatCompletionCreateParams.builder().model(gateway.alias).addUserMessage(big).build()))
                .isInstanceOfSatisfying(OpenAIServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(413));
    }

    @Test
    void reports_provider_failures_as_the_sdk_expects() {
        String bad = gateway.alias(gateway.provider, "sdk-bad");
        gateway.upstream.behave("sdk-bad", Behavior.badRequest("messages", "invalid_value", "Invalid 'messages'."));
        String busy = gateway.alias(gateway.provider, "sdk-busy");
        gateway.upstream.behave("sdk-busy", Behavior.rateLimited(Duration.ofSeconds(1)));
        String hang = gateway.alias(gateway.provider, "sdk-hang");
        gateway.upstream.behave("sdk-hang", Behavior.hang());
        String down = gateway.alias(gateway.admin.provider("http://127.0.0.1:1/v1", "sk-unused-000000"), "m");

        assertThatThrownBy(() -> client.chat().completions().create(chat(bad)))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("Invalid 'messages'.");
        assertThatThrownBy(() -> client.chat().completions().create(chat(busy))).isInstanceOf(RateLimitException.class);
        assertThatThrownBy(() -> client.chat().completions().create(chat(down)))
                .isInstanceOfSatisfying(InternalServerException.class, e -> assertThat(e.statusCode()).isEqualTo(502));
        assertThatThrownBy(() -> client.chat().completions().create(chat(hang)))
                .isInstanceOfSatisfying(InternalServerException.class, e -> assertThat(e.statusCode()).isEqualTo(504));
    }
}
