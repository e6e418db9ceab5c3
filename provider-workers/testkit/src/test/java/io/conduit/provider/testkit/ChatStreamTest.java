package io.conduit.provider.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ChatStreamTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  final FakeOpenAi fake = FakeOpenAi.builder()
      .clock(Clock.fixed(Instant.ofEpochSecond(1694268190), ZoneOffset.UTC))
      .start();

  @AfterEach
  void stop() {
    fake.close();
    http.close();
  }

  static String streamRequest(String options) {
    return "{\"model\":\"gpt-4o-mini\",\"stream\":true," + options
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Say this is a test\"}]}";
  }

  @Test
  void streams_one_chunk_per_event_in_chunked_encoding_and_ends_with_done() throws Exception {
    try (RawClient client = RawClient.connect(fake)) {
      client.send(RawClient.post("/v1/chat/completions",
          streamRequest("\"stream_options\":{\"include_obfuscation\":false},")));

      List<String> head = client.readHead();
      assertThat(head.getFirst()).isEqualTo("HTTP/1.1 200 OK");
      assertThat(RawClient.header(head, "content-type")).isEqualTo("text/event-stream; charset=utf-8");
      assertThat(RawClient.header(head, "transfer-encoding")).isEqualTo("chunked");
      assertThat(RawClient.header(head, "content-length")).isNull();
      assertThat(RawClient.header(head, "x-request-id")).startsWith("req_");

      String id = Ids.completionId(0);
      String prefix = "data: {\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,"
          + "\"model\":\"gpt-4o-mini\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_c0ndu17fak\","
          + "\"choices\":[{\"index\":0,\"delta\":";
      assertThat(client.readChunks()).containsExactly(
          prefix + "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}]}\n\n",
          prefix + "{\"content\":\"Hello\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n",
          prefix + "{\"content\":\" from\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n",
          prefix + "{\"content\":\" fake\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n",
          prefix + "{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n",
          "data: [DONE]\n\n");

      // the connection stays usable: a second request on it is answered
      client.send(RawClient.post("/v1/chat/completions", ChatCompletionTest.chat("gpt-4o-mini", "again")));
      assertThat(client.readHead().getFirst()).isEqualTo("HTTP/1.1 200 OK");
    }
    assertThat(fake.awaitRequests(2, Duration.ofSeconds(5))).extracting(RecordedRequest::connectionId)
        .containsOnly(1);
  }

  @Test
  void include_usage_adds_usage_null_to_every_chunk_and_a_final_usage_chunk() throws Exception {
    List<JsonNode> events = events(streamRequest("\"stream_options\":{\"include_usage\":true},"));

    assertThat(events).hasSize(6);
    for (JsonNode chunk : events.subList(0, 5)) {
      assertThat(chunk.has("usage")).isTrue();
      assertThat(chunk.get("usage").isNull()).isTrue();
      assertThat(chunk.get("choices").size()).isEqualTo(1);
    }
    JsonNode last = events.getLast();
    assertThat(last.get("choices").isArray()).isTrue();
    assertThat(last.get("choices").isEmpty()).isTrue();
    assertThat(last.get("usage").toString()).isEqualTo("""
        {"prompt_tokens":5,"completion_tokens":3,"total_tokens":8,\
        "prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},\
        "completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,\
        "accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}""");
  }

  @Test
  void without_include_usage_no_chunk_has_a_usage_field() throws Exception {
    List<JsonNode> events = events(streamRequest(""));

    assertThat(events).hasSize(5).allSatisfy(chunk -> assertThat(chunk.has("usage")).isFalse());
    assertThat(events.getFirst().at("/choices/0/delta/role").stringValue()).isEqualTo("assistant");
    assertThat(events.getFirst().at("/choices/0/delta/content").stringValue()).isEmpty();
    assertThat(events.subList(1, 4)).extracting(e -> e.at("/choices/0/delta/content").stringValue())
        .containsExactly("Hello", " from", " fake");
    assertThat(events.getLast().at("/choices/0/delta").isEmpty()).isTrue();
    assertThat(events.getLast().at("/choices/0/finish_reason").stringValue()).isEqualTo("stop");
    assertThat(events).extracting(e -> e.get("id").stringValue()).containsOnly(Ids.completionId(0));
    // obfuscation is on by default, as OpenAI does it
    assertThat(events).allSatisfy(e -> assertThat(e.get("obfuscation").isString()).isTrue());
  }

  @Test
  void pauses_between_chunks_as_scripted() throws Exception {
    fake.behave("gpt-4o-mini", Behavior.reply("a", "b").withChunkDelay(Duration.ofMillis(40)));

    long start = System.nanoTime();
    List<JsonNode> events = events(streamRequest(""));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(events).hasSize(4);
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(4 * 40)); // 5 events incl. [DONE]: 4 pauses
  }

  /** Sends a stream request with HttpClient and splits the body into SSE events (JSON payloads). */
  List<JsonNode> events(String body) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/chat/completions"))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).contains("text/event-stream; charset=utf-8");
    String text = response.body();
    assertThat(text).endsWith("\n\ndata: [DONE]\n\n").doesNotContain("\r");
    List<String> raw = Arrays.asList(text.split("\n\n"));
    assertThat(raw).allSatisfy(e -> assertThat(e).startsWith("data: ").doesNotContain("\n"));
    return raw.subList(0, raw.size() - 1).stream().map(e -> JSON.readTree(e.substring(6))).toList();
  }
}
