package io.conduit.provider.runway;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runway's documented HTTP errors (https://docs.dev.runwayml.com/errors/errors), as a table. */
class RunwayErrorMapperTest {

    private final RunwayErrorMapper mapper = new RunwayErrorMapper();

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            400 | BAD_REQUEST       | false |   | {"error":"Validation of body failed","issues":[{"code":"invalid_enum_value","message":"Invalid enum value","path":["ratio"]}],"docUrl":"https://docs.dev.runwayml.com/api"} | Validation of body failed: Invalid enum value
            401 | AUTHENTICATION    | false |   | {"error":"Invalid API key"}                    | Invalid API key
            403 | PERMISSION_DENIED | false |   | {"error":"Forbidden"}                          | Forbidden
            404 | NOT_FOUND         | false |   | {"error":"Task not found"}                     | Task not found
            405 | BAD_REQUEST       | false |   | {"error":"Method not allowed"}                 | Method not allowed
            429 | RATE_LIMITED      | true  | 5 | {"error":"You have exceeded the rate limit."}  | You have exceeded the rate limit.
            429 | RATE_LIMITED      | true  |   | {"error":"Daily task limit reached."}          | Daily task limit reached.
            500 | SERVER_ERROR      | true  |   | {"error":"Internal server error"}              | Internal server error
            502 | OVERLOADED        | true  |   | <html>502 Bad Gateway</html>                   | Runway returned HTTP 502.
            503 | OVERLOADED        | true  | 2 | {"error":"Service unavailable"}                | Service unavailable
            504 | TIMEOUT           | true  |   |                                                | Runway returned HTTP 504.
            """)
    void maps_each_documented_status(int status, Kind kind, boolean retriable, String retryAfter, String body, String message) {
        Map<String, String> headers = retryAfter == null ? Map.of() : Map.of("retry-after", retryAfter);
        ProviderException e = mapper.map(status, headers::get, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.upstreamStatus()).isEqualTo(status);
        assertThat(e instanceof ProviderException.Retriable).isEqualTo(retriable);
        assertThat(e.error().message()).isEqualTo(message);
        assertThat(e.retryAfter()).isEqualTo(retryAfter == null ? Optional.empty()
                : Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter))));
        assertThat(e.getStackTrace()).isEmpty();
    }
}
