package io.conduit.bench.jmh;

import io.conduit.provider.dialects.AnthropicMessagesDialect;
import io.conduit.provider.dialects.ChatRequest;
import io.conduit.provider.dialects.ClientDialect;
import io.conduit.provider.dialects.DialectStream;
import io.conduit.provider.dialects.OpenAiResponsesDialect;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The client dialects ({@code /v1/messages}, {@code /v1/responses}) over the chat core: the
 * client's request (system/instructions + 3 turns + 1 tool) to a chat-completions request, a
 * {@code chat.completion} (OpenAI's, as captured from its fake) back to the client's answer, and
 * per streamed chunk, {@code DialectStream.onEvent} over OpenAI's captured chunk stream (the
 * translator opened once per stream and spread over its events, as in {@link StreamBenchmark}).
 * The dialects' cost adds to the provider adapter's.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class DialectBenchmark {

    @Param({"messages", "responses"})
    public String dialect;

    private ClientDialect translator;
    private byte[] clientRequest;
    private ChatRequest plainRequest;
    private ChatRequest streamRequest;
    private byte[] chatCompletion;
    private byte[][] chatEvents;

    @Setup
    public void setUp() {
        boolean messages = dialect.equals("messages");
        translator = messages ? new AnthropicMessagesDialect() : new OpenAiResponsesDialect();
        clientRequest = Payloads.bytes(messages ? Payloads.MESSAGES_REQUEST : Payloads.RESPONSES_REQUEST);
        plainRequest = translator.toChatRequest(clientRequest);
        streamRequest = translator.toChatRequest(
                Payloads.bytes(messages ? Payloads.MESSAGES_REQUEST_STREAM : Payloads.RESPONSES_REQUEST_STREAM));
        chatCompletion = Payloads.bytes(Provider.OPENAI.responseResource());
        List<byte[]> events = Payloads.events(Provider.OPENAI);
        if (events.size() != StreamBenchmark.OPENAI_EVENTS) {
            throw new IllegalStateException("the OpenAI stream has " + events.size() + " events, expected "
                    + StreamBenchmark.OPENAI_EVENTS);
        }
        chatEvents = events.toArray(byte[][]::new);
    }

    /** {@code ClientDialect.toChatRequest}: validation and mapping to a chat-completions body. */
    @Benchmark
    public ChatRequest request() {
        return translator.toChatRequest(clientRequest);
    }

    /** {@code ClientDialect.fromChatResponse}: a chat.completion as the client's answer. */
    @Benchmark
    public byte[] response() {
        return translator.fromChatResponse(chatCompletion, plainRequest);
    }

    /** Per OpenAI chunk event: {@code DialectStream.onEvent}. */
    @Benchmark
    @OperationsPerInvocation(StreamBenchmark.OPENAI_EVENTS)
    public DialectStream chunk(Blackhole sink) {
        return stream(sink::consume);
    }

    /** Translates the whole chat stream, handing {@code out} what the client would be sent. */
    DialectStream stream(Consumer<byte[]> out) {
        DialectStream stream = translator.openStream(streamRequest);
        for (byte[] event : chatEvents) {
            out.accept(stream.onEvent(event));
        }
        return stream;
    }
}
