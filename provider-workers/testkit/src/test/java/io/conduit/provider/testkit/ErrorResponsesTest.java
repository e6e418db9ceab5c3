package io.conduit.provider.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ErrorResponsesTest {

  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  final FakeOpenAi fake = FakeOpenAi.builder().requireApiKey("sk-good-key-0123456789").start();

  @AfterEach
  void stop() {
    fake.close();
    http.close();
  }

  HttpResponse<String> send(String method, String path, String key, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fake.port() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> chat(String model) throws Exception {
    return send("POST", "/v1/chat/completions", "sk-good-key-0123456789", ChatCompletionTest.chat(model, "hi"));
  }

  static String envelope(String message, String type, String param, String code) {
    return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":"
        + (param == null ? "null" : "\"" + param + "\"") + ",\"code\":" + (code == null ? "null" : "\"" + code + "\"")
        + "}}";
  }

  @Test
  void wrong_key_is_401_invalid_api_key_with_the_key_masked() throws Exception {
    HttpResponse<String> response = send("POST", "/v1/chat/completions", "sk-wrong-abcdefgh",
        ChatCompletionTest.chat("m", "hi"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("content-type")).contains("application/json");
    assertThat(response.headers().firstValue("x-request-id")).isPresent();
    assertThat(response.body()).isEqualTo(envelope("Incorrect API key provided: sk-**********efgh. You can find "
        + "your API key at https://platform.openai.com/account/api-keys.", "invalid_request_error", null,
        "invalid_api_key"));
    assertThat(fake.awaitRequests(1, Duration.ofSeconds(5)).getFirst().bearerToken()).contains("sk-wrong-abcdefgh");
  }

  @Test
  void missing_key_is_401_without_code() throws Exception {
    HttpResponse<String> response = send("POST", "/v1/chat/completions", null, ChatCompletionTest.chat("m", "hi"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo(envelope(RequestCheck.NO_API_KEY, "invalid_request_error", null, null));
  }

  @Test
  void unknown_model_is_404_model_not_found() throws Exception {
    fake.behave("gpt-nope", Behavior.modelNotFound());

    HttpResponse<String> response = chat("gpt-nope");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo(envelope("The model `gpt-nope` does not exist or you do not have access "
        + "to it.", "invalid_request_error", null, "model_not_found"));
  }

  @Test
  void rate_limit_is_429_with_retry_after_and_exhausted_request_budget() throws Exception {
    fake.behave("gpt-busy", Behavior.rateLimited(Duration.ofMillis(1500)));

    HttpResponse<String> response = chat("gpt-busy");

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("retry-after")).contains("2");
    assertThat(response.headers().firstValue("x-ratelimit-remaining-requests")).contains("0");
    assertThat(response.body()).startsWith("{\"error\":{\"message\":\"Rate limit reached for gpt-busy on requests")
        .endsWith("\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}");
  }

  @Test
  void server_error_is_500_with_null_code() throws Exception {
    fake.behaveByDefault(Behavior.serverError());

    HttpResponse<String> response = chat("any");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).isEqualTo(envelope(
        "The server had an error while processing your request. Sorry about that!", "server_error", null, null));
  }

  @Test
  void custom_error_with_param_and_retry_after() throws Exception {
    fake.enqueue(Behavior.error(400, "invalid_request_error", "context_length_exceeded", "Too long for {model}.")
        .withParam("messages").withRetryAfter(Duration.ofSeconds(3)));

    HttpResponse<String> response = chat("gpt-small");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("retry-after")).contains("3");
    assertThat(response.body()).isEqualTo(envelope("Too long for gpt-small.", "invalid_request_error", "messages",
        "context_length_exceeded"));
  }

  @Test
  void a_streaming_request_gets_its_error_as_plain_json() throws Exception {
    fake.behaveByDefault(Behavior.serverError());

    HttpResponse<String> response = send("POST", "/v1/chat/completions", "sk-good-key-0123456789",
        "{\"model\":\"m\",\"stream\":true,\"messages\":[]}");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.headers().firstValue("content-type")).contains("application/json");
  }

  @Test
  void invalid_json_missing_model_and_missing_messages_are_400() throws Exception {
    String key = "sk-good-key-0123456789";
    HttpResponse<String> badJson = send("POST", "/v1/chat/completions", key, "{not json");
    HttpResponse<String> noModel = send("POST", "/v1/chat/completions", key, "{\"messages\":[]}");
    HttpResponse<String> noMessages = send("POST", "/v1/chat/completions", key, "{\"model\":\"m\"}");
    HttpResponse<String> noInput = send("POST", "/v1/embeddings", key, "{\"model\":\"m\"}");

    assertThat(badJson.statusCode()).isEqualTo(400);
    assertThat(badJson.body()).isEqualTo(envelope(RequestCheck.INVALID_JSON, "invalid_request_error", null, null));
    assertThat(noModel.body()).isEqualTo(envelope("you must provide a model parameter", "invalid_request_error",
        null, null));
    assertThat(noMessages.body()).isEqualTo(envelope("Missing required parameter: 'messages'.",
        "invalid_request_error", "messages", "missing_required_parameter"));
    assertThat(noInput.body()).isEqualTo(envelope("Missing required parameter: 'input'.",
        "invalid_request_error", "input", "missing_required_parameter"));
  }

  @Test
  void unknown_url_is_404_invalid_url() throws Exception {
    HttpResponse<String> response = send("GET", "/v1/chat/completions", "sk-good-key-0123456789", null);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo(envelope("Invalid URL (GET /v1/chat/completions)",
        "invalid_request_error", null, null));
  }

  @Test
  void malformed_http_is_400_and_closes() throws Exception {
    try (RawClient client = RawClient.connect(fake)) {
      client.send("POST /v1/chat/completions HTTP/1.1\r\nContent-Length: abc\r\n\r\n");

      assertThat(client.readHead()).first().isEqualTo("HTTP/1.1 400 Bad Request");
    }
  }
}
