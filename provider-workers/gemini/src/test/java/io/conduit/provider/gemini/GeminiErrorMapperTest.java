package io.conduit.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeminiErrorMapperTest {

    private final GeminiErrorMapper mapper = new GeminiErrorMapper();

    private static byte[] body(int code, String status, String reason) {
        String details = reason == null ? "" : ",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\","
                + "\"reason\":\"" + reason + "\",\"domain\":\"googleapis.com\"}]";
        return ("{\"error\":{\"code\":" + code + ",\"message\":\"boom\",\"status\":\"" + status + "\"" + details + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0} {1} {2} → {3}")
    @CsvSource({
        "400, INVALID_ARGUMENT,    ,                              BAD_REQUEST,       false",
        "400, FAILED_PRECONDITION, ,                              BAD_REQUEST,       false",
        "400, INVALID_ARGUMENT,    API_KEY_INVALID,               AUTHENTICATION,    false",
        "400, INVALID_ARGUMENT,    API_KEY_EXPIRED,               AUTHENTICATION,    false",
        "401, UNAUTHENTICATED,     ACCESS_TOKEN_TYPE_UNSUPPORTED, AUTHENTICATION,    false",
        "401, UNAUTHENTICATED,     ,                              AUTHENTICATION,    false",
        "403, PERMISSION_DENIED,   ,                              PERMISSION_DENIED, false",
        "404, NOT_FOUND,           ,                              NOT_FOUND,         false",
        "409, ABORTED,             ,                              SERVER_ERROR,      true",
        "413, INVALID_ARGUMENT,    ,                              BAD_REQUEST,       false",
        "429, RESOURCE_EXHAUSTED,  ,                              RATE_LIMITED,      true",
        "499, CANCELLED,           ,                              SERVER_ERROR,      true",
        "500, INTERNAL,            ,                              SERVER_ERROR,      true",
        "501, UNIMPLEMENTED,       ,                              BAD_REQUEST,       false",
        "502, UNKNOWN,             ,                              SERVER_ERROR,      true",
        "503, UNAVAILABLE,         ,                              OVERLOADED,        true",
        "504, DEADLINE_EXCEEDED,   ,                              TIMEOUT,           true",
    })
    void maps_each_status_to_its_kind(int status, String googleStatus, String reason, Kind kind, boolean retriable) {
        ProviderException e = mapper.map(status, h -> null, body(status, googleStatus, reason));

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e instanceof ProviderException.Retriable).isEqualTo(retriable);
        assertThat(e.upstreamStatus()).isEqualTo(status);
        assertThat(e.error().message()).isEqualTo("boom");
        assertThat(e.error().code()).isEqualTo(googleStatus);
    }

    @ParameterizedTest(name = "retry-after {0}, retryDelay {1} → {2} ms")
    @CsvSource({
        ",    38s,   38000",
        ",    1.5s,  1500",
        "12,  38s,   12000",
        ",    ,      -1",
        "Wed, 38s,   38000",
    })
    void rate_limits_carry_the_wait_from_the_header_or_retry_info(String header, String retryDelay, long millis) {
        String details = retryDelay == null ? "" : ",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.QuotaFailure\","
                + "\"violations\":[]},{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"" + retryDelay + "\"}]";
        byte[] body = ("{\"error\":{\"code\":429,\"message\":\"quota\",\"status\":\"RESOURCE_EXHAUSTED\"" + details + "}}")
                .getBytes(StandardCharsets.UTF_8);

        ProviderException e = mapper.map(429, Map.of("retry-after", header == null ? "" : header)::get, body);

        if (header == null) {
            e = mapper.map(429, h -> null, body);
        }
        assertThat(e.retryAfter().map(Duration::toMillis).orElse(-1L)).isEqualTo(millis);
    }

    @Test
    void a_body_that_is_not_googles_gets_a_generic_message() {
        ProviderException e = mapper.map(502, h -> null, "<html>Bad Gateway</html>".getBytes(StandardCharsets.UTF_8));

        assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(e.error().message()).isEqualTo("The provider returned HTTP 502.");
    }

    @Test
    void an_error_wrapped_in_an_array_is_read_too() {
        byte[] body = "[{\"error\":{\"code\":429,\"message\":\"Resource exhausted.\",\"status\":\"RESOURCE_EXHAUSTED\"}}]"
                .getBytes(StandardCharsets.UTF_8);

        ProviderException e = mapper.map(429, h -> null, body);

        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.error().message()).isEqualTo("Resource exhausted.");
    }
}
