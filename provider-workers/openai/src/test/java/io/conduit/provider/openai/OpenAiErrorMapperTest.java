package io.conduit.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OpenAiErrorMapperTest {

    private final OpenAiErrorMapper mapper = new OpenAiErrorMapper();

    private static byte[] body(String code) {
        return ("{\"error\":{\"message\":\"boom\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":"
                + (code == null ? "null" : "\"" + code + "\"") + "}}").getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "400, , BAD_REQUEST, false",
        "400, content_filter, CONTENT_FILTERED, false",
        "400, content_policy_violation, CONTENT_FILTERED, false",
        "401, invalid_api_key, AUTHENTICATION, false",
        "403, , PERMISSION_DENIED, false",
        "404, model_not_found, NOT_FOUND, false",
        "408, , TIMEOUT, true",
        "409, , SERVER_ERROR, true",
        "413, , BAD_REQUEST, false",
        "422, , UNPROCESSABLE, false",
        "429, rate_limit_exceeded, RATE_LIMITED, true",
        "500, , SERVER_ERROR, true",
        "502, , SERVER_ERROR, true",
        "503, , OVERLOADED, true",
        "504, , TIMEOUT, true",
        "529, , OVERLOADED, true",
        "599, , SERVER_ERROR, true",
    })
    void maps_each_status_to_its_kind(int status, String code, Kind kind, boolean retriable) {
        ProviderException e = mapper.map(status, h -> null, body(code));

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e).isInstanceOf(retriable ? ProviderException.Retriable.class : ProviderException.NonRetriable.class);
        assertThat(e.upstreamStatus()).isEqualTo(status);
        assertThat(e.error().message()).isEqualTo("boom");
        assertThat(e.error().code()).isEqualTo(code);
        assertThat(e.getStackTrace()).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
        # provider    | status | body                                                                                                                   | kind             | retriable | message starts with                 | code
        azure         | 400    | {"error":{"message":"The response was filtered","type":null,"param":"prompt","code":"content_filter","status":400,"innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":{"hate":{"filtered":true,"severity":"high"}}}}} | CONTENT_FILTERED | false | The response was filtered | content_filter
        azure         | 400    | {"error":{"message":"Filtered","code":null,"innererror":{"code":"ResponsibleAIPolicyViolation"}}}                        | CONTENT_FILTERED | false     | Filtered                            | ResponsibleAIPolicyViolation
        azure         | 401    | {"error":{"code":"401","message":"Access denied due to invalid subscription key or wrong API endpoint."}}              | AUTHENTICATION   | false     | Access denied                       | 401
        azure         | 404    | {"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist."}}               | NOT_FOUND        | false     | The API deployment                  | DeploymentNotFound
        azure         | 429    | {"error":{"code":"429","message":"Requests to the ChatCompletions_Create Operation have exceeded token rate limit."}}   | RATE_LIMITED     | true      | Requests to the ChatCompletions     | 429
        azure         | 400    | {"error":{"message":"This model's maximum context length is 128000 tokens.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}} | BAD_REQUEST | false | This model's maximum context | context_length_exceeded
        deepseek      | 402    | {"error":{"message":"Insufficient Balance","type":"unknown_error","param":null,"code":"invalid_request_error"}}        | PERMISSION_DENIED | false    | Insufficient Balance                | invalid_request_error
        mistral       | 422    | {"object":"error","message":{"detail":[{"type":"extra_forbidden","loc":["body","user"]}]},"type":"invalid_request_message_error","param":null,"code":null} | UNPROCESSABLE | false | {"detail":[{"type":"extra_forbidden" |
        mistral       | 401    | {"message":"Unauthorized","request_id":"abc"}                                                                          | AUTHENTICATION   | false     | Unauthorized                        |
        mistral       | 429    | {"message":"Requests rate limit exceeded"}                                                                             | RATE_LIMITED     | true      | Requests rate limit exceeded        |
        vllm          | 400    | {"object":"error","message":"max_tokens is too large","type":"BadRequestError","param":null,"code":400}               | BAD_REQUEST      | false     | max_tokens is too large             | 400
        xai           | 400    | {"code":"Client specified an invalid argument","error":"Incorrect API key provided"}                                   | BAD_REQUEST      | false     | Incorrect API key provided          | Client specified an invalid argument
        ollama        | 404    | {"error":"model \\\"llama9\\\" not found, try pulling it first"}                                                         | NOT_FOUND        | false     | model "llama9" not found            |
        fastapi       | 422    | {"detail":"Field required: messages"}                                                                                  | UNPROCESSABLE    | false     | Field required                      |
        openrouter    | 402    | {"error":{"code":402,"message":"Insufficient credits"}}                                                                | PERMISSION_DENIED | false    | Insufficient credits                | 402
        """)
    void reads_the_error_bodies_of_the_family(String provider, int status, String body, Kind kind, boolean retriable,
            String message, String code) {
        ProviderException e = mapper.map(status, h -> null, body.getBytes(StandardCharsets.UTF_8));

        assertThat(e.kind()).as(provider).isEqualTo(kind);
        assertThat(e.kind().retriable()).isEqualTo(retriable);
        assertThat(e.error().message()).startsWith(message);
        assertThat(e.error().code()).isEqualTo(code);
    }

    @Test
    void azure_rate_limits_prefer_retry_after_ms() {
        Map<String, String> headers = Map.of("retry-after", "6", "retry-after-ms", "5800");
        byte[] body = "{\"error\":{\"code\":\"429\",\"message\":\"Please retry after 6 seconds.\"}}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(mapper.map(429, headers::get, body).retryAfter()).contains(Duration.ofMillis(5800));
        assertThat(mapper.map(503, Map.of("retry-after", "2")::get, body).retryAfter()).contains(Duration.ofSeconds(2));
    }

    @Test
    void rate_limits_carry_retry_after() {
        assertThat(mapper.map(429, Map.of("retry-after", "2")::get, body(null)).retryAfter()).contains(Duration.ofSeconds(2));
        assertThat(mapper.map(429, Map.of("retry-after-ms", "150", "retry-after", "9")::get, body(null)).retryAfter())
                .contains(Duration.ofMillis(150));
        assertThat(mapper.map(429, h -> null, body(null)).retryAfter()).isEmpty();
        assertThat(mapper.map(400, Map.of("retry-after", "2")::get, body(null)).retryAfter()).isEmpty();
    }

    @Test
    void a_body_that_is_not_json_gets_a_generic_message() {
        ProviderException e = mapper.map(502, h -> null, "<html>Bad gateway</html>".getBytes(StandardCharsets.UTF_8));

        assertThat(e.error().message()).isEqualTo("The provider returned HTTP 502.");
        assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
    }
}
