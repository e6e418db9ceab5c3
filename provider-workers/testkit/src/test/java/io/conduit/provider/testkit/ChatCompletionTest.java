package io.conduit.provider.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ChatCompletionTest {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String HELLO = """
      {"model":"gpt-4o-mini","messages":[{"role":"system","content":"Be brief."},\
      {"role":"user","content":[{"type":"text","text":"Say this is a test"}]}]}""";

  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  final FakeOpenAi fake = FakeOpenAi.builder()
      .clock(Clock.fixed(Instant.ofEpochSecond(1741570283), ZoneOffset.UTC))
      .start();

  @AfterEach
  void stop() {
    fake.close();
    http.close();
  }

  HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + path))
        .header("Authorization", "Bearer sk-provider-key")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void answers_a_chat_completion_object_as_openai_documents_it() throws Exception {
    HttpResponse<String> response = post("/chat/completions", HELLO);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).contains("application/json");
    assertThat(response.headers().firstValue("content-length")).contains(
        Integer.toString(response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
    assertThat(response.body()).isEqualTo("""
        {"id":"chatcmpl-%s","object":"chat.completion","created":1741570283,"model":"gpt-4o-mini",\
        "choices":[{"index":0,"message":{"role":"assistant","content":"Hello from fake","refusal":null,\
        "annotations":[]},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":7,\
        "completion_tokens":3,"total_tokens":10,"prompt_tokens_details":{"cached_tokens":0,\
        "audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,\
        "accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},"service_tier":"default",\
        "system_fingerprint":"fp_c0ndu17fak"}""".formatted(Ids.completionId(0).substring(9)));
    assertThat(Ids.completionId(0)).matches("chatcmpl-[A-Za-z0-9]{29}");
  }

  @Test
  void sends_the_headers_openai_sends() throws Exception {
    HttpResponse<String> response = post("/chat/completions", HELLO);

    var h = response.headers();
    assertThat(h.firstValue("x-request-id")).hasValueSatisfying(v -> assertThat(v).matches("req_[0-9a-f]{32}"));
    assertThat(h.firstValue("openai-processing-ms")).hasValueSatisfying(v -> assertThat(v).containsOnlyDigits());
    assertThat(h.firstValue("openai-version")).contains("2020-10-01");
    assertThat(h.firstValue("x-ratelimit-limit-requests")).contains("10000");
    assertThat(h.firstValue("x-ratelimit-remaining-requests")).contains("9999");
    assertThat(h.firstValue("x-ratelimit-limit-tokens")).contains("30000000");
    assertThat(h.firstValue("x-ratelimit-remaining-tokens")).contains("29999990");
    assertThat(h.firstValue("x-ratelimit-reset-requests")).isPresent();
    assertThat(h.firstValue("x-ratelimit-reset-tokens")).isPresent();
    assertThat(h.firstValue("date")).hasValueSatisfying(
        v -> assertThat(v).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"));
    assertThat(h.firstValue("retry-after")).isEmpty();
  }

  @Test
  void echoes_the_model_and_counts_tokens_deterministically() throws Exception {
    fake.behave("gpt-5-nano", Behavior.reply("a", "b", "c", "d", "e"));

    JsonNode body = JSON.readTree(post("/chat/completions", """
        {"model":"gpt-5-nano","service_tier":"flex","messages":[{"role":"user","content":"one two  three"},\
        {"role":"assistant","content":"four"}]}""").body());

    assertThat(body.get("model").stringValue()).isEqualTo("gpt-5-nano");
    assertThat(body.at("/choices/0/message/content").stringValue()).isEqualTo("abcde");
    assertThat(body.at("/usage/prompt_tokens").intValue()).isEqualTo(4);
    assertThat(body.at("/usage/completion_tokens").intValue()).isEqualTo(5);
    assertThat(body.at("/usage/total_tokens").intValue()).isEqualTo(9);
    assertThat(body.get("service_tier").stringValue()).isEqualTo("flex");
  }

  @Test
  void truncates_to_max_tokens_with_finish_reason_length() throws Exception {
    JsonNode body = JSON.readTree(post("/chat/completions", """
        {"model":"m","max_completion_tokens":2,"messages":[{"role":"user","content":"hi"}]}""").body());

    assertThat(body.at("/choices/0/message/content").stringValue()).isEqualTo("Hello from");
    assertThat(body.at("/choices/0/finish_reason").stringValue()).isEqualTo("length");
    assertThat(body.at("/usage/completion_tokens").intValue()).isEqualTo(2);
  }

  @Test
  void records_method_path_headers_body_and_the_provider_key() throws Exception {
    post("/chat/completions", HELLO);

    List<RecordedRequest> requests = fake.awaitRequests(1, Duration.ofSeconds(5));
    RecordedRequest request = requests.getFirst();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v1/chat/completions");
    assertThat(request.authorization()).contains("Bearer sk-provider-key");
    assertThat(request.bearerToken()).contains("sk-provider-key");
    assertThat(request.header("CONTENT-TYPE")).contains("application/json");
    assertThat(request.bodyAsString()).isEqualTo(HELLO);
    assertThat(request.model()).contains("gpt-4o-mini");
    assertThat(request.receivedAt()).isBeforeOrEqualTo(Instant.now());
    assertThat(request.responseCompletedAt()).isPresent();
    assertThat(request.clientDisconnectedAt()).isEmpty();
  }

  @Test
  void keeps_the_connection_alive_between_requests() throws Exception {
    post("/chat/completions", HELLO);
    post("/chat/completions", HELLO);
    post("/chat/completions", HELLO);

    List<RecordedRequest> requests = fake.awaitRequests(3, Duration.ofSeconds(5));
    assertThat(requests).extracting(RecordedRequest::connectionId).containsOnly(requests.getFirst().connectionId());
    assertThat(fake.connectionsAccepted()).isEqualTo(1);
  }

  @Test
  void scripting_order_is_queue_then_script_then_model_then_default() throws Exception {
    fake.behaveByDefault(Behavior.reply("default"))
        .behave("m1", Behavior.reply("model"))
        .script(r -> r.bodyAsString().contains("scripted") ? Behavior.reply("script") : null)
        .enqueue(Behavior.reply("queued"));

    assertThat(content(post("/chat/completions", chat("m1", "scripted")))).isEqualTo("queued");
    assertThat(content(post("/chat/completions", chat("m1", "scripted")))).isEqualTo("script");
    assertThat(content(post("/chat/completions", chat("m1", "x")))).isEqualTo("model");
    assertThat(content(post("/chat/completions", chat("m2", "x")))).isEqualTo("default");

    fake.reset();
    assertThat(fake.requests()).isEmpty();
    assertThat(content(post("/chat/completions", chat("m1", "x")))).isEqualTo("Hello from fake");
  }

  @Test
  void lists_the_scripted_models() throws Exception {
    fake.behave("b-model", Behavior.reply()).behave("a-model", Behavior.reply());

    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/models")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.body()).isEqualTo("""
        {"object":"list","data":[{"id":"a-model","object":"model","created":1700000000,"owned_by":"conduit-fake"},\
        {"id":"b-model","object":"model","created":1700000000,"owned_by":"conduit-fake"}]}""");
  }

  static String chat(String model, String text) {
    return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
  }

  static String content(HttpResponse<String> response) {
    return JSON.readTree(response.body()).at("/choices/0/message/content").stringValue();
  }
}
