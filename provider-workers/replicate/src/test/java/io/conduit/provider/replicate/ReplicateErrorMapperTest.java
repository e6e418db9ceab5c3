package io.conduit.provider.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Replicate's problem-details errors, as a table. */
class ReplicateErrorMapperTest {

    private final ReplicateErrorMapper mapper = new ReplicateErrorMapper();

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            400 | BAD_REQUEST       | false |   | {"title":"Bad request","detail":"The request body is not valid JSON.","status":400} | The request body is not valid JSON.
            401 | AUTHENTICATION    | false |   | {"title":"Unauthenticated","detail":"You did not pass a valid authentication token","status":401} | You did not pass a valid authentication token
            402 | PERMISSION_DENIED | false |   | {"title":"Insufficient credit","detail":"You have insufficient credit to run this model.","status":402} | You have insufficient credit to run this model.
            403 | PERMISSION_DENIED | false |   | {"title":"Forbidden","status":403}                                                  | Forbidden
            404 | NOT_FOUND         | false |   | {"title":"Not found","detail":"The requested resource could not be found.","status":404} | The requested resource could not be found.
            409 | BAD_REQUEST       | false |   | {"title":"Conflict","detail":"Version is not runnable.","status":409}              | Version is not runnable.
            422 | UNPROCESSABLE     | false |   | {"title":"Input validation failed","detail":"- input: prompt is required\\n","status":422,"invalid_fields":[{"type":"required","field":"input","description":"prompt is required"}]} | - input: prompt is required\\n
            429 | RATE_LIMITED      | true  | 1 | {"title":"Request was throttled","detail":"Request was throttled. Expected available in 1 second.","status":429} | Request was throttled. Expected available in 1 second.
            500 | SERVER_ERROR      | true  |   | {"title":"Internal server error","detail":"An internal server error occurred.","status":500} | An internal server error occurred.
            502 | OVERLOADED        | true  |   | <html>Bad gateway</html>                                                            | Replicate returned HTTP 502.
            503 | OVERLOADED        | true  | 4 | {"title":"Service unavailable","status":503}                                        | Service unavailable
            504 | TIMEOUT           | true  |   |                                                                                     | Replicate returned HTTP 504.
            """)
    void maps_each_status(int status, Kind kind, boolean retriable, String retryAfter, String body, String message) {
        Map<String, String> headers = retryAfter == null ? Map.of() : Map.of("retry-after", retryAfter);
        ProviderException e = mapper.map(status, headers::get, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.upstreamStatus()).isEqualTo(status);
        assertThat(e instanceof ProviderException.Retriable).isEqualTo(retriable);
        assertThat(e.error().message()).isEqualTo(message.replace("\\n", "").strip());
        assertThat(e.retryAfter()).isEqualTo(retryAfter == null ? Optional.empty()
                : Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter))));
    }
}
