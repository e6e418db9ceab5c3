package io.conduit.bench.jmh;

import io.conduit.provider.spi.ChatCompletions;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.UpstreamRequest;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per request, for each adapter: mapping the client's OpenAI chat request (system + 3 turns + 1
 * tool, scanned once by ingress beforehand) to the provider's request, and mapping the provider's
 * plain answer back to an OpenAI {@code chat.completion} and its token usage — the three calls
 * ingress makes on a non-streamed chat completion.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class RequestBenchmark {

    @Param({"openai", "anthropic", "gemini", "bedrock", "cohere"})
    public String provider;

    private ChatCompletions chat;
    private ProviderEndpoint endpoint;
    private InboundCall call;
    private byte[] providerAnswer;

    @Setup
    public void setUp() {
        Provider p = Provider.valueOf(provider.toUpperCase(java.util.Locale.ROOT));
        chat = p.chat();
        endpoint = p.endpoint();
        call = Payloads.chatCall(false, p.model());
        providerAnswer = Payloads.bytes(p.responseResource());
        // fail before measuring if a payload no longer maps (an error path would be measured instead)
        request();
        responseBody();
        usage();
    }

    /** {@code ChatCompletions.request}: body mapping, URL, headers (and SigV4 signing for Bedrock). */
    @Benchmark
    public UpstreamRequest request() {
        return chat.request(endpoint, call);
    }

    /** {@code ChatCompletions.responseBody}: the provider's answer as an OpenAI chat.completion. */
    @Benchmark
    public byte[] responseBody() {
        return chat.responseBody(providerAnswer);
    }

    /** {@code ChatCompletions.usage}: the token counts read from the same answer, for accounting. */
    @Benchmark
    public TokenUsage usage() {
        return chat.usage(providerAnswer);
    }
}
