package io.conduit.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.provider.anthropic.FakeAnthropic;
import io.conduit.provider.bedrock.FakeBedrock;
import io.conduit.provider.cohere.FakeCohere;
import io.conduit.provider.gemini.FakeGemini;
import io.conduit.provider.openai.fake.FakeOpenAiChat;
import io.conduit.provider.spi.ChatCompletions;
import io.conduit.provider.spi.UpstreamRequest;
import io.conduit.provider.testkit.contract.ChatProviderFake;
import io.conduit.provider.testkit.contract.FakeAnswer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Writes the provider payloads the benchmarks replay: sends the benchmark's chat request, mapped
 * by each adapter, to that adapter's fake upstream (which renders the provider's documented wire
 * format) and stores the raw answer bytes, plain and streamed, under
 * {@code src/main/resources/payloads/<provider>/}. Not part of the test suite (the name does not
 * end in {@code Test}); run it on purpose:
 *
 * <pre>./mvnw -q -pl bench/jmh -am verify -Dtest=CapturePayloads -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
class CapturePayloads {

    static final String KEY = "bench-capture-key";
    static final FakeAnswer ANSWER = FakeAnswer.text(Payloads.ANSWER_TEXT, new FakeAnswer.Usage(412, 96, 0, 0));
    private static final Path OUT = Path.of("src/main/resources/payloads");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    @ParameterizedTest
    @EnumSource(Provider.class)
    void capture(Provider provider) throws Exception {
        try (ChatProviderFake fake = start(provider)) {
            fake.answer(ANSWER);
            String key = provider == Provider.BEDROCK ? FakeBedrock.accessKeyCredential() : KEY;
            ChatCompletions chat = provider.chat();
            var endpoint = provider.endpoint(fake.baseUrl(), key);

            byte[] plain = send(chat.request(endpoint, Payloads.chatCall(false, provider.model())));
            byte[] stream = send(chat.request(endpoint, Payloads.chatCall(true, provider.model())));

            Path dir = OUT.resolve(provider.id());
            Files.createDirectories(dir);
            Files.write(OUT.resolve(provider.responseResource()), plain);
            Files.write(OUT.resolve(provider.streamResource()), stream);
        }
    }

    private static ChatProviderFake start(Provider provider) {
        return switch (provider) {
            case OPENAI -> FakeOpenAiChat.openAi(KEY);
            case ANTHROPIC -> new FakeAnthropic(KEY).start();
            case GEMINI -> FakeGemini.aiStudio(KEY).start();
            case BEDROCK -> new FakeBedrock().start();
            case COHERE -> new FakeCohere(KEY).start();
        };
    }

    private static byte[] send(UpstreamRequest request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                builder.header(name, value);
            }
        });
        HttpResponse<byte[]> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as("%s answered %s", request, new String(response.body())).isEqualTo(200);
        return response.body();
    }
}
