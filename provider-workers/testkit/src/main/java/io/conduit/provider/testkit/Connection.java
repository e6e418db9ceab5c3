package io.conduit.provider.testkit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One accepted HTTP/1.1 connection. Its own virtual thread reads requests for the whole life of
 * the connection, so a client closing or resetting it is seen at once, even while a response is
 * being written (by a writer thread) or withheld. Requests are answered in arrival order; an
 * answer with nothing to wait for is written by the reading thread itself.
 */
final class Connection {

  /** What a connection needs from its server. */
  interface Host {
    RecordedRequest record(int connectionId, HttpRequestReader.Raw raw, Instant receivedAt);

    Behavior resolve(RecordedRequest request);

    Responder responder();

    void closed(Connection connection);
  }

  private static final System.Logger LOG = System.getLogger(Connection.class.getName());

  private final int id;
  private final Socket socket;
  private final Host host;
  private final HttpRequestReader reader;
  private final HttpResponseWriter writer;
  private final Queue<RecordedRequest> inFlight = new ConcurrentLinkedQueue<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile boolean serverClosing;
  private Thread lastWriter; // only touched by the reading thread

  Connection(int id, Socket socket, Host host) throws IOException {
    this.id = id;
    this.socket = socket;
    this.host = host;
    this.reader = new HttpRequestReader(socket.getInputStream());
    this.writer = new HttpResponseWriter(new BufferedOutputStream(socket.getOutputStream(), 16 * 1024));
  }

  int id() {
    return id;
  }

  HttpResponseWriter writer() {
    return writer;
  }

  /** The reading loop; runs on the connection's own thread until the connection is closed. */
  void serve() {
    try {
      while (true) {
        HttpRequestReader.Raw raw;
        try {
          raw = reader.read(this::sendContinue);
        } catch (HttpRequestReader.MalformedRequestException e) {
          awaitLastWriter();
          rejectMalformed(e.getMessage());
          return;
        }
        if (raw == null) {
          peerClosed();
          return;
        }
        dispatch(raw);
      }
    } catch (IOException e) {
      peerClosed(); // EOF inside a request, a reset, or the socket closed by the server
    } catch (RuntimeException e) { // e.g. a test's script threw
      LOG.log(System.Logger.Level.ERROR, "fake OpenAI upstream failed on connection " + id, e);
      serverClose();
    } finally {
      host.closed(this);
    }
  }

  private void dispatch(HttpRequestReader.Raw raw) {
    RecordedRequest request = host.record(id, raw, Instant.now());
    Behavior behavior = host.resolve(request);
    boolean keepAlive = keepAlive(raw);
    inFlight.add(request);
    Thread previous = lastWriter;
    if (Responder.isInstant(request, behavior) && (previous == null || !previous.isAlive())) {
      respond(request, behavior, keepAlive);
    } else {
      lastWriter = Thread.ofVirtual().name("fake-openai-writer-" + id).start(() -> {
        join(previous);
        respond(request, behavior, keepAlive);
      });
    }
  }

  private void respond(RecordedRequest request, Behavior behavior, boolean keepAlive) {
    try {
      if (!isClosed()) {
        host.responder().respond(this, request, behavior, keepAlive);
      }
    } catch (IOException e) {
      if (!serverClosing) {
        request.markWriteFailed(Instant.now()); // the client is gone
      }
      serverClose();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "fake OpenAI upstream failed to answer " + request, e);
      serverClose();
    } finally {
      inFlight.remove(request);
    }
  }

  /**
   * Marks the response to {@code request} complete, then flushes it; closes the connection after
   * it unless {@code keepAlive}. Completion is marked before the flush so that a client closing as
   * soon as it has read the last byte does not count as a disconnect during the response.
   */
  void finish(RecordedRequest request, boolean keepAlive) throws IOException {
    request.markCompleted(Instant.now());
    inFlight.remove(request);
    writer.flush();
    if (!keepAlive) {
      serverClose();
    }
  }

  /** Waits {@code delay}; returns false, early, if the connection closed meanwhile. */
  boolean pause(Duration delay) {
    if (delay.isZero()) {
      return !isClosed();
    }
    try {
      return !closed.await(delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Blocks until the connection is closed, by either side. */
  void awaitClosed() {
    try {
      closed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Flushes what was written and closes the socket abruptly (no end of body). */
  void abort() {
    try {
      writer.flush();
    } catch (IOException ignored) {
      // the client may already be gone; closing is all that is left
    }
    serverClose();
  }

  /** Closes from the server side: nothing in flight is marked as a client disconnect. */
  void serverClose() {
    serverClosing = true;
    closeSocket();
  }

  boolean isClosed() {
    return closed.getCount() == 0;
  }

  private void peerClosed() {
    if (!serverClosing) {
      Instant now = Instant.now();
      inFlight.forEach(r -> r.markDisconnected(now));
    }
    closeSocket();
  }

  private void closeSocket() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    closed.countDown();
  }

  private void sendContinue() throws IOException {
    awaitLastWriter();
    writer.writeContinue();
  }

  private void rejectMalformed(String reason) {
    try {
      byte[] body = OpenAiJson.error("Malformed HTTP request: " + reason, "invalid_request_error", null, null);
      writer.writeHead(400, List.of(Map.entry("content-type", "application/json")), body.length, false);
      writer.writeRaw(body, body.length);
      writer.flush();
    } catch (IOException ignored) {
      // the client is gone
    }
    serverClose();
  }

  private void awaitLastWriter() {
    join(lastWriter);
  }

  private static void join(Thread thread) {
    if (thread == null) {
      return;
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean keepAlive(HttpRequestReader.Raw raw) {
    String connection = raw.first("connection");
    String value = connection == null ? "" : connection.toLowerCase(Locale.ROOT);
    if (raw.version().equals("HTTP/1.0")) {
      return value.contains("keep-alive");
    }
    return !value.contains("close");
  }
}
