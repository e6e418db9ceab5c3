package io.conduit.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.provider.anthropic.internal.Jsons;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicErrorMapperTest {

    private final AnthropicErrorMapper mapper = new AnthropicErrorMapper();

    private static byte[] body(String type) {
        return ("{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"boom\"},"
                + "\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}").getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "400, invalid_request_error, BAD_REQUEST, false",
        "401, authentication_error, AUTHENTICATION, false",
        "402, billing_error, PERMISSION_DENIED, false",
        "403, permission_error, PERMISSION_DENIED, false",
        "404, not_found_error, NOT_FOUND, false",
        "408, api_error, TIMEOUT, true",
        "409, api_error, SERVER_ERROR, true",
        "413, request_too_large, BAD_REQUEST, false",
        "422, invalid_request_error, UNPROCESSABLE, false",
        "429, rate_limit_error, RATE_LIMITED, true",
        "500, api_error, SERVER_ERROR, true",
        "502, api_error, SERVER_ERROR, true",
        "503, api_error, OVERLOADED, true",
        "504, timeout_error, TIMEOUT, true",
        "529, overloaded_error, OVERLOADED, true",
        "418, invalid_request_error, BAD_REQUEST, false",
        "599, api_error, SERVER_ERROR, true",
    })
    void maps_each_status_to_its_kind(int status, String type, Kind kind, boolean retriable) {
        ProviderException e = mapper.map(status, h -> null, body(type));

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e).isInstanceOf(retriable ? ProviderException.Retriable.class : ProviderException.NonRetriable.class);
        assertThat(e.upstreamStatus()).isEqualTo(status);
        assertThat(e.error().message()).isEqualTo("boom");
        assertThat(e.error().type()).isEqualTo(type);
        assertThat(e.getStackTrace()).isEmpty();
    }

    @Test
    void rate_limits_and_overload_carry_retry_after() {
        assertThat(mapper.map(429, Map.of("retry-after", "7")::get, body("rate_limit_error")).retryAfter())
                .contains(Duration.ofSeconds(7));
        assertThat(mapper.map(529, Map.of("retry-after", "1.5")::get, body("overloaded_error")).retryAfter())
                .contains(Duration.ofMillis(1500));
        assertThat(mapper.map(429, h -> null, body("rate_limit_error")).retryAfter()).isEmpty();
        assertThat(mapper.map(429, Map.of("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT")::get,
                body("rate_limit_error")).retryAfter()).isEmpty();
        assertThat(mapper.map(400, Map.of("retry-after", "7")::get, body("invalid_request_error")).retryAfter()).isEmpty();
    }

    @Test
    void a_body_that_is_not_anthropic_json_gets_a_generic_message() {
        ProviderException e = mapper.map(413, h -> null,
                "<html><body>413 Request Entity Too Large</body></html>".getBytes(StandardCharsets.UTF_8));

        assertThat(e.error().message()).isEqualTo("The provider returned HTTP 413.");
        assertThat(e.error().type()).isNull();
        assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(mapper.map(500, h -> null, new byte[0]).error().message()).isEqualTo("The provider returned HTTP 500.");
    }

    @ParameterizedTest(name = "stream error {0} -> {1} as {2}")
    @CsvSource({
        "overloaded_error, OVERLOADED, 529",
        "api_error, SERVER_ERROR, 500",
        "rate_limit_error, RATE_LIMITED, 429",
        "timeout_error, TIMEOUT, 504",
        "invalid_request_error, BAD_REQUEST, 400",
        "some_new_error, SERVER_ERROR, 500",
    })
    void an_error_event_maps_as_its_type_would_in_a_plain_answer(String type, Kind kind, int status) {
        ProviderException e = AnthropicErrorMapper.fromStreamEvent(
                Jsons.read("{\"type\":\"" + type + "\",\"message\":\"Overloaded\"}"));

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.upstreamStatus()).isEqualTo(status);
        assertThat(e.error().message()).isEqualTo("Overloaded");
        assertThat(e.error().type()).isEqualTo(type);
    }
}
