package io.conduit.provider.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpFramingTest {

  static final String PLAIN = ChatCompletionTest.chat("m", "hi");

  final FakeOpenAi fake = FakeOpenAi.start();

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void reads_a_chunked_request_body_with_extensions_and_trailers() throws Exception {
    byte[] json = PLAIN.getBytes(StandardCharsets.UTF_8);
    String first = new String(json, 0, 10, StandardCharsets.UTF_8);
    String rest = new String(json, 10, json.length - 10, StandardCharsets.UTF_8);
    try (RawClient client = RawClient.connect(fake)) {
      client.send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "a;ext=1\r\n" + first + "\r\n" + Integer.toHexString(rest.length()) + "\r\n" + rest + "\r\n"
          + "0\r\nx-trailer: yes\r\n\r\n");

      List<String> head = client.readHead();
      assertThat(head.getFirst()).isEqualTo("HTTP/1.1 200 OK");
      assertThat(new String(client.readBytes(Integer.parseInt(RawClient.header(head, "content-length"))),
          StandardCharsets.UTF_8)).contains("Hello from fake");
    }
    assertThat(fake.awaitRequests(1, Duration.ofSeconds(5)).getFirst().bodyAsString()).isEqualTo(PLAIN);
  }

  @Test
  void answers_expect_100_continue_before_the_body() throws Exception {
    try (RawClient client = RawClient.connect(fake)) {
      client.send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: "
          + PLAIN.length() + "\r\n\r\n");
      assertThat(client.readHead()).containsExactly("HTTP/1.1 100 Continue");

      client.send(PLAIN);
      assertThat(client.readHead().getFirst()).isEqualTo("HTTP/1.1 200 OK");
    }
  }

  @Test
  void answers_pipelined_requests_in_order() throws Exception {
    fake.enqueue(Behavior.reply("first").withFirstByteDelay(Duration.ofMillis(100)), Behavior.reply("second"));
    try (RawClient client = RawClient.connect(fake)) {
      client.send(RawClient.post("/v1/chat/completions", PLAIN) + RawClient.post("/v1/chat/completions", PLAIN));

      for (String expected : List.of("first", "second")) {
        List<String> head = client.readHead();
        String body = new String(client.readBytes(Integer.parseInt(RawClient.header(head, "content-length"))),
            StandardCharsets.UTF_8);
        assertThat(body).contains("\"content\":\"" + expected + "\"");
      }
    }
  }

  @Test
  void closes_after_answering_a_request_that_asks_for_it() throws Exception {
    try (RawClient client = RawClient.connect(fake)) {
      client.send(RawClient.post("/v1/chat/completions", PLAIN).replace("Host: 127.0.0.1\r\n",
          "Host: 127.0.0.1\r\nConnection: close\r\n"));

      List<String> head = client.readHead();
      assertThat(RawClient.header(head, "connection")).isEqualTo("close");
      client.readBytes(Integer.parseInt(RawClient.header(head, "content-length")));
      assertThat(client.atEof()).isTrue();
    }
    assertThat(fake.awaitRequests(1, Duration.ofSeconds(5)).getFirst().clientDisconnectedAt()).isEmpty();
  }
}
