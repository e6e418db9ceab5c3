package io.conduit.bench.jmh;

import io.conduit.provider.spi.ChatCompletions;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.StreamDecoder;
import io.conduit.provider.spi.StreamRelay;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Per streamed chunk, for each adapter: one invocation relays a whole captured stream (a text
 * answer of ~400 characters: start, text deltas, finish, usage, end) the way ingress does —
 * {@code streamDecoder()} and {@code openStream(call)} once, then for every provider event, fed as
 * one network read, {@code StreamDecoder.feed} and {@code StreamRelay.relay}. Results are per
 * provider event ({@link OperationsPerInvocation} = the stream's event count, checked at setup),
 * so the per-stream setup is spread over the stream's chunks.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class StreamBenchmark {

    static final int OPENAI_EVENTS = 70;
    static final int ANTHROPIC_EVENTS = 85;
    static final int GEMINI_EVENTS = 50;
    static final int BEDROCK_EVENTS = 83;
    static final int COHERE_EVENTS = 136;

    /** One provider's captured stream and what relaying it needs. */
    public static final class Fixture {
        final ChatCompletions chat;
        final InboundCall call;
        final byte[][] events;

        Fixture(Provider provider, int expectedEvents) {
            chat = provider.chat();
            call = Payloads.chatCall(true, provider.model());
            List<byte[]> list = Payloads.events(provider);
            if (list.size() != expectedEvents) {
                throw new IllegalStateException(provider.streamResource() + " has " + list.size()
                        + " events, the benchmark divides by " + expectedEvents + ": update the constant");
            }
            events = list.toArray(byte[][]::new);
        }

        /** Relays the whole stream, handing {@code out} what the client would be sent; returns the relay. */
        StreamRelay relay(Consumer<byte[]> out) {
            StreamDecoder decoder = chat.streamDecoder();
            StreamRelay relay = chat.openStream(call);
            for (byte[] event : events) {
                decoder.feed(event, e -> out.accept(relay.relay(e)));
            }
            return relay;
        }
    }

    Fixture openai;
    Fixture anthropic;
    Fixture gemini;
    Fixture bedrock;
    Fixture cohere;

    @Setup
    public void setUp() {
        openai = new Fixture(Provider.OPENAI, OPENAI_EVENTS);
        anthropic = new Fixture(Provider.ANTHROPIC, ANTHROPIC_EVENTS);
        gemini = new Fixture(Provider.GEMINI, GEMINI_EVENTS);
        bedrock = new Fixture(Provider.BEDROCK, BEDROCK_EVENTS);
        cohere = new Fixture(Provider.COHERE, COHERE_EVENTS);
    }

    /** The pass-through baseline: chunks go out as they came, usage read on the way. */
    @Benchmark
    @OperationsPerInvocation(OPENAI_EVENTS)
    public StreamRelay openai(Blackhole sink) {
        return openai.relay(sink::consume);
    }

    @Benchmark
    @OperationsPerInvocation(ANTHROPIC_EVENTS)
    public StreamRelay anthropic(Blackhole sink) {
        return anthropic.relay(sink::consume);
    }

    @Benchmark
    @OperationsPerInvocation(GEMINI_EVENTS)
    public StreamRelay gemini(Blackhole sink) {
        return gemini.relay(sink::consume);
    }

    /** Includes decoding AWS's binary event-stream framing (prelude and message CRC32 checks, headers). */
    @Benchmark
    @OperationsPerInvocation(BEDROCK_EVENTS)
    public StreamRelay bedrock(Blackhole sink) {
        return bedrock.relay(sink::consume);
    }

    @Benchmark
    @OperationsPerInvocation(COHERE_EVENTS)
    public StreamRelay cohere(Blackhole sink) {
        return cohere.relay(sink::consume);
    }
}
