package io.conduit.provider.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A fake OpenAI upstream: an HTTP/1.1 server on 127.0.0.1 answering {@code POST
 * /v1/chat/completions} (plain and streamed), {@code POST /v1/embeddings} and {@code GET
 * /v1/models} in OpenAI's wire format, each request as its scripted {@link Behavior} says.
 *
 * <p>Which behaviour answers a request, first match wins: a failed precondition OpenAI checks
 * first (unknown URL → 404, wrong or missing key when {@link Builder#requireApiKey} is set → 401,
 * unparsable JSON or a missing {@code model}/{@code messages}/{@code input} → 400); then the next
 * {@link #enqueue queued} behaviour; then the {@link #script script}; then the behaviour for the
 * request's model ({@link #behave}); then the default ({@link #behaveByDefault}, initially {@link
 * Behavior#reply()}).
 *
 * <pre>{@code
 * try (FakeOpenAi fake = FakeOpenAi.start()) {
 *   fake.behave("gpt-4o-mini", Behavior.reply("Hi", " there").withChunkDelay(Duration.ofMillis(20)));
 *   fake.behave("gpt-broken", Behavior.rateLimited(Duration.ofSeconds(2)));
 *   // point the client at fake.baseUrl() ...
 *   RecordedRequest sent = fake.awaitRequests(1, Duration.ofSeconds(5)).getFirst();
 *   assertThat(sent.authorization()).contains("Bearer sk-provider");
 * }
 * }</pre>
 *
 * Thread-safe; every connection is served by virtual threads. The wire format follows OpenAI's
 * official OpenAPI description (github.com/openai/openai-openapi, kept in {@code
 * shared/reference/openai-openapi.yaml}) and the API reference at
 * https://platform.openai.com/docs/api-reference; see {@code OpenAiJson} and {@code Embeddings}.
 */
public final class FakeOpenAi implements AutoCloseable {

  private final ServerSocket serverSocket;
  private final boolean recordRequests;
  private final BehaviorScript behaviors;
  private final Responder responder;
  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private final RequestLog log = new RequestLog();
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicInteger connectionIds = new AtomicInteger();
  private final Thread acceptor;
  private volatile boolean closed;

  private FakeOpenAi(Builder b) throws IOException {
    this.recordRequests = b.recordRequests;
    this.behaviors = new BehaviorScript(b.requiredKey, b.byModel, b.defaultBehavior);
    this.responder = new Responder(b.clock, b.embeddingDimensions, behaviors::models);
    this.serverSocket = new ServerSocket();
    serverSocket.setReuseAddress(true);
    serverSocket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), b.port), b.backlog);
    this.acceptor = Thread.ofVirtual().name("fake-openai-accept-" + port()).start(this::acceptLoop);
  }

  /** A builder; {@link Builder#start()} starts the server. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts a server on a free port with default settings. */
  public static FakeOpenAi start() {
    return builder().start();
  }

  /** The API base URL clients are configured with: {@code http://127.0.0.1:PORT/v1}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + "/v1";
  }

  /** The port the server listens on. */
  public int port() {
    return serverSocket.getLocalPort();
  }

  /** Answers requests for {@code model} with {@code behavior} from now on. */
  public FakeOpenAi behave(String model, Behavior behavior) {
    behaviors.behave(model, behavior);
    return this;
  }

  /** Answers requests whose model has no behaviour of its own with {@code behavior}. */
  public FakeOpenAi behaveByDefault(Behavior behavior) {
    behaviors.byDefault(behavior);
    return this;
  }

  /** Answers the next requests, one behaviour each in order, before any other rule applies. */
  public FakeOpenAi enqueue(Behavior... next) {
    for (Behavior b : next) {
      behaviors.enqueue(b);
    }
    return this;
  }

  /**
   * Chooses per request: {@code script} sees each request (after queued behaviours) and returns
   * its behaviour, or null to leave it to the per-model and default rules.
   */
  public FakeOpenAi script(Function<RecordedRequest, Behavior> script) {
    behaviors.script(script);
    return this;
  }

  /** The requests received so far (since start or {@link #reset()}), in arrival order. */
  public List<RecordedRequest> requests() {
    return log.snapshot();
  }

  /**
   * Waits until at least {@code count} requests have arrived and returns them all.
   *
   * @throws AssertionError if fewer arrived within {@code timeout}
   */
  public List<RecordedRequest> awaitRequests(int count, Duration timeout) {
    return log.await(count, timeout);
  }

  /** How many connections were accepted since start (not reset by {@link #reset()}). */
  public int connectionsAccepted() {
    return connectionIds.get();
  }

  /** How many connections are open now. */
  public int openConnections() {
    return connections.size();
  }

  /** Forgets recorded requests and all scripting (queued, script, per-model, default). */
  public void reset() {
    log.clear();
    behaviors.reset();
  }

  /** Stops listening and closes every connection; hanging and streaming answers end at once. */
  @Override
  public void close() {
    closed = true;
    try {
      serverSocket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    connections.forEach(Connection::serverClose);
    try {
      acceptor.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = serverSocket.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue;
      }
      try {
        socket.setTcpNoDelay(true);
        Connection connection = new Connection(connectionIds.incrementAndGet(), socket, host);
        connections.add(connection);
        if (closed) {
          connection.serverClose();
        }
        Thread.ofVirtual().name("fake-openai-conn-" + connection.id()).start(connection::serve);
      } catch (IOException e) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // already broken
        }
      }
    }
  }

  private final Connection.Host host = new Connection.Host() {
    @Override
    public RecordedRequest record(int connectionId, HttpRequestReader.Raw raw, Instant receivedAt) {
      var request = new RecordedRequest(sequence.getAndIncrement(), connectionId, raw.method(), raw.target(),
          raw.version(), raw.headers(), raw.body(), receivedAt);
      if (recordRequests) {
        log.add(request);
      }
      return request;
    }

    @Override
    public Behavior resolve(RecordedRequest request) {
      return behaviors.resolve(request);
    }

    @Override
    public Responder responder() {
      return responder;
    }

    @Override
    public void closed(Connection connection) {
      connections.remove(connection);
    }
  };

  /** Settings of a {@link FakeOpenAi}; all optional. */
  public static final class Builder {
    private int port;
    private int backlog = 1024;
    private String requiredKey;
    private boolean recordRequests = true;
    private int embeddingDimensions = 8;
    private Clock clock = Clock.systemUTC();
    private Behavior defaultBehavior = Behavior.reply();
    private final Map<String, Behavior> byModel = new ConcurrentHashMap<>();

    private Builder() {}

    /** The port to listen on; 0 (the default) picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Only {@code Authorization: Bearer key} is accepted; others get OpenAI's 401. */
    public Builder requireApiKey(String key) {
      this.requiredKey = key;
      return this;
    }

    /** Whether to keep a request log (default true; benchmarks turn it off to save memory). */
    public Builder recordRequests(boolean record) {
      this.recordRequests = record;
      return this;
    }

    /** Length of embedding vectors when the request has no {@code dimensions} (default 8). */
    public Builder embeddingDimensions(int dimensions) {
      if (dimensions < 1) {
        throw new IllegalArgumentException("dimensions must be >= 1");
      }
      this.embeddingDimensions = dimensions;
      return this;
    }

    /** The clock for {@code created} timestamps. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** As {@link FakeOpenAi#behaveByDefault}. */
    public Builder defaultBehavior(Behavior behavior) {
      this.defaultBehavior = Objects.requireNonNull(behavior, "behavior");
      return this;
    }

    /** As {@link FakeOpenAi#behave}. */
    public Builder behave(String model, Behavior behavior) {
      byModel.put(Objects.requireNonNull(model, "model"), Objects.requireNonNull(behavior, "behavior"));
      return this;
    }

    /** The listen backlog (default 1024). */
    public Builder backlog(int backlog) {
      this.backlog = backlog;
      return this;
    }

    /** Binds 127.0.0.1 and starts accepting. */
    public FakeOpenAi start() {
      try {
        return new FakeOpenAi(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the fake OpenAI upstream on port " + port, e);
      }
    }
  }
}
