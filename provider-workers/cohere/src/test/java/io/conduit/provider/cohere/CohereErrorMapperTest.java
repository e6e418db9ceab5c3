package io.conduit.provider.cohere;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CohereErrorMapperTest {

    private final CohereErrorMapper mapper = new CohereErrorMapper();

    @ParameterizedTest(name = "{0} → {1}, retriable {2}, retry-after {3}")
    @CsvSource(delimiter = '|', textBlock = """
            400 | BAD_REQUEST       | false |      | {"id":"a1","message":"invalid request: temperature must be between 0 and 1.0 inclusive."}
            401 | AUTHENTICATION    | false |      | {"message":"invalid api token"}
            402 | PERMISSION_DENIED | false |      | {"message":"Please add or update your payment method"}
            403 | PERMISSION_DENIED | false |      | {"message":"Forbidden"}
            404 | NOT_FOUND         | false |      | {"message":"model command-x not found"}
            408 | TIMEOUT           | true  |      | {"message":"request timeout"}
            422 | UNPROCESSABLE     | false |      | {"message":"unprocessable"}
            429 | RATE_LIMITED      | true  | 2    | {"message":"You are using a Trial key"}
            429 | RATE_LIMITED      | true  | 0.5  | {"message":"too many requests"}
            429 | RATE_LIMITED      | true  |      | {"message":"too many requests"}
            498 | AUTHENTICATION    | false |      | {"message":"invalid token"}
            499 | SERVER_ERROR      | true  |      | {"message":"request cancelled"}
            500 | SERVER_ERROR      | true  |      | {"message":"internal server error"}
            501 | BAD_REQUEST       | false |      | {"message":"not implemented"}
            502 | SERVER_ERROR      | true  |      | <html>bad gateway</html>
            503 | OVERLOADED        | true  | 7    | {"message":"service unavailable"}
            504 | TIMEOUT           | true  |      | {"message":"gateway timeout"}
            520 | SERVER_ERROR      | true  |      |
            418 | BAD_REQUEST       | false |      | {"message":"teapot"}
            """)
    void maps_status_to_kind(int status, Kind kind, boolean retriable, String retryAfter, String body) {
        Map<String, String> headers = retryAfter == null ? Map.of() : Map.of("retry-after", retryAfter);
        ProviderException e = mapper.map(status, headers::get,
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.upstreamStatus()).isEqualTo(status);
        assertThat(e instanceof ProviderException.Retriable).isEqualTo(retriable);
        assertThat(e.error().message()).isNotBlank();
        if (retryAfter != null) {
            assertThat(e.retryAfter()).contains(Duration.ofMillis(Math.round(Double.parseDouble(retryAfter) * 1000)));
        } else {
            assertThat(e.retryAfter()).isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"id":"x","message":"invalid api token"} | invalid api token
            {"message":""}                           | Cohere returned HTTP 401.
            not json                                 | Cohere returned HTTP 401.
            """)
    void message_is_cohere_s_or_a_generic_one(String body, String message) {
        ProviderException e = mapper.map(401, h -> null, body.getBytes(StandardCharsets.UTF_8));

        assertThat(e.error().message()).isEqualTo(message);
    }

    @ParameterizedTest
    @CsvSource({"Wed, 21 Oct 2015 07:28:00 GMT", "soon"})
    void an_unreadable_retry_after_gives_no_hint(String value) {
        ProviderException e = mapper.map(429, h -> h.equals("retry-after") ? value : null, new byte[0]);

        assertThat(e.retryAfter()).isEmpty();
    }
}
