package io.conduit.provider.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FailureModesTest {

  static final String STREAM = "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  static final String PLAIN = ChatCompletionTest.chat("m", "hi");
  static final Duration DETECTION_BUDGET = Duration.ofMillis(100);

  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  final FakeOpenAi fake = FakeOpenAi.start();

  @AfterEach
  void stop() {
    fake.close();
    http.close();
  }

  HttpRequest chatRequest(String body) {
    return HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/chat/completions"))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  @Test
  void a_cut_stream_leaves_the_client_with_an_unterminated_chunked_body() throws Exception {
    fake.behaveByDefault(Behavior.cutAfter(2));

    try (RawClient client = RawClient.connect(fake)) {
      client.send(RawClient.post("/v1/chat/completions", STREAM));
      assertThat(client.readHead().getFirst()).isEqualTo("HTTP/1.1 200 OK");
      assertThat(client.readChunk()).contains("\"role\":\"assistant\"");
      assertThat(client.readChunk()).contains("\"content\":\"Hello\"");
      assertThatThrownBy(client::readChunk).isInstanceOf(EOFException.class);
    }
    RecordedRequest request = fake.awaitRequests(1, Duration.ofSeconds(5)).getFirst();
    assertThat(request.responseCompletedAt()).isEmpty();
    assertThat(request.clientDisconnectedAt()).isEmpty(); // the server closed, not the client
  }

  @Test
  void http_client_sees_a_cut_stream_as_an_io_error() {
    fake.behaveByDefault(Behavior.reply("a", "b", "c").cutAfter(3));

    assertThatThrownBy(() -> http.send(chatRequest(STREAM), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void a_cut_plain_answer_sends_half_the_announced_body_then_closes() throws Exception {
    fake.behaveByDefault(Behavior.cutAfter(0));

    try (RawClient client = RawClient.connect(fake)) {
      client.send(RawClient.post("/v1/chat/completions", PLAIN));
      List<String> head = client.readHead();
      int announced = Integer.parseInt(RawClient.header(head, "content-length"));
      byte[] received = client.readBytes(announced);
      assertThat(received.length).isEqualTo(announced / 2);
      assertThat(new String(received, StandardCharsets.UTF_8)).startsWith("{\"id\":\"chatcmpl-");
    }
    assertThatThrownBy(() -> http.send(chatRequest(PLAIN), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void sees_the_client_close_a_stream_midway_within_100ms() throws Exception {
    fake.behaveByDefault(Behavior.reply(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9"))
        .withChunkDelay(Duration.ofMillis(300)));
    Instant closedAt;
    try (RawClient client = RawClient.connect(fake)) {
      client.send(RawClient.post("/v1/chat/completions", STREAM));
      client.readHead();
      assertThat(client.readChunk()).contains("\"role\":\"assistant\"");
      closedAt = Instant.now();
    }
    RecordedRequest request = fake.awaitRequests(1, Duration.ofSeconds(5)).getFirst();
    Instant seen = request.awaitClientDisconnect(Duration.ofSeconds(5));

    assertThat(Duration.between(closedAt, seen)).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(DETECTION_BUDGET);
    assertThat(request.responseCompletedAt()).isEmpty();
  }

  @Test
  void sees_a_connection_reset_while_hanging_within_100ms() throws Exception {
    fake.behaveByDefault(Behavior.hang());
    RawClient client = RawClient.connect(fake);
    client.send(RawClient.post("/v1/chat/completions", PLAIN));
    RecordedRequest request = fake.awaitRequests(1, Duration.ofSeconds(5)).getFirst();
    assertThat(request.clientDisconnectedAt()).isEmpty();

    client.socket.setSoLinger(true, 0); // close with RST
    Instant closedAt = Instant.now();
    client.close();
    Instant seen = request.awaitClientDisconnect(Duration.ofSeconds(5));

    assertThat(Duration.between(closedAt, seen)).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(DETECTION_BUDGET);
  }

  @Test
  void sees_http_client_abandon_a_stream_within_100ms() throws Exception {
    fake.behaveByDefault(Behavior.reply(List.of("1", "2", "3", "4", "5")).withChunkDelay(Duration.ofSeconds(1)));
    HttpResponse<InputStream> response = http.send(chatRequest(STREAM), HttpResponse.BodyHandlers.ofInputStream());
    InputStream body = response.body();
    assertThat(new String(body.readNBytes(6), StandardCharsets.UTF_8)).isEqualTo("data: ");

    Instant closedAt = Instant.now();
    body.close(); // HttpClient closes an HTTP/1.1 connection whose body was not read to the end
    Instant seen = fake.awaitRequests(1, Duration.ofSeconds(5)).getFirst().awaitClientDisconnect(Duration.ofSeconds(5));

    assertThat(Duration.between(closedAt, seen)).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(DETECTION_BUDGET);
  }

  @Test
  void a_client_closing_after_a_complete_answer_is_no_disconnect_during_it() throws Exception {
    try (RawClient client = RawClient.connect(fake)) {
      client.send(RawClient.post("/v1/chat/completions", STREAM));
      client.readHead();
      client.readChunks();
    }
    RecordedRequest request = fake.awaitRequests(1, Duration.ofSeconds(5)).getFirst();
    assertThat(request.responseCompletedAt()).isPresent();
    assertThatThrownBy(() -> request.awaitClientDisconnect(Duration.ofMillis(200))).isInstanceOf(AssertionError.class);
  }

  @Test
  void slow_first_byte_delays_the_status_line() throws Exception {
    Duration delay = Duration.ofMillis(300);
    fake.behaveByDefault(Behavior.slowFirstByte(delay));

    long start = System.nanoTime();
    HttpResponse<InputStream> response = http.send(chatRequest(STREAM), HttpResponse.BodyHandlers.ofInputStream());
    Duration untilHeaders = Duration.ofNanos(System.nanoTime() - start);
    response.body().close();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(untilHeaders).isGreaterThanOrEqualTo(delay);
  }

  @Test
  void closing_the_server_ends_a_hanging_answer() throws Exception {
    fake.behaveByDefault(Behavior.hang());
    try (RawClient client = RawClient.connect(fake)) {
      client.send(RawClient.post("/v1/chat/completions", PLAIN));
      fake.awaitRequests(1, Duration.ofSeconds(5));

      fake.close();

      assertThat(client.atEof()).isTrue();
    }
  }

  @Test
  void awaiting_more_requests_than_arrive_fails_with_the_ones_that_did() {
    assertThatThrownBy(() -> fake.awaitRequests(1, Duration.ofMillis(50)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("got 0");
  }
}
