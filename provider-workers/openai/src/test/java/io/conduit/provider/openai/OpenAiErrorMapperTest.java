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
