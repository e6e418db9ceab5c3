package io.conduit.provider.minimax;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MiniMaxErrorMapperTest {

    private final MiniMaxErrorMapper mapper = new MiniMaxErrorMapper();

    @ParameterizedTest(name = "{0} {4} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            400 | BAD_REQUEST       | false |   | {"type":"error","error":{"type":"bad_request_error","message":"invalid params (2013)","http_code":"400"}}
            401 | AUTHENTICATION    | false |   | {"type":"error","error":{"type":"authorized_error","message":"login fail (1004)","http_code":"401"},"request_id":"r"}
            402 | PERMISSION_DENIED | false |   | {"error":{"message":"payment required"}}
            403 | PERMISSION_DENIED | false |   | {"error":{"message":"forbidden"}}
            404 | NOT_FOUND         | false |   | 404 page not found
            429 | RATE_LIMITED      | true  | 3 | {"type":"error","error":{"type":"rate_limit_error","message":"rate limit exceeded(RPM) (1002)","http_code":"429"}}
            429 | RATE_LIMITED      | true  |   | {"base_resp":{"status_code":1002,"status_msg":"rate limit"}}
            500 | SERVER_ERROR      | true  |   | {"type":"error","error":{"type":"api_error","message":"system error (1033)","http_code":"500"}}
            500 | AUTHENTICATION    | false |   | {"base_resp":{"status_code":2049,"status_msg":"invalid api key"}}
            502 | SERVER_ERROR      | true  |   | <html>502 Bad Gateway</html>
            503 | OVERLOADED        | true  | 5 | {"type":"error","error":{"type":"api_error","message":"service unavailable","http_code":"503"}}
            504 | TIMEOUT           | true  |   |
            520 | SERVER_ERROR      | true  |   | {}
            418 | BAD_REQUEST       | false |   | {}
            """)
    void maps_status_and_code_to_kind(int status, Kind kind, boolean retriable, String retryAfter, String body) {
        Map<String, String> headers = retryAfter == null ? Map.of() : Map.of("retry-after", retryAfter);
        ProviderException e = mapper.map(status, headers::get, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.upstreamStatus()).isEqualTo(status);
        assertThat(e instanceof ProviderException.Retriable).isEqualTo(retriable);
        assertThat(e.error().message()).isNotBlank();
        assertThat(e.retryAfter()).isEqualTo(retryAfter == null ? java.util.Optional.empty()
                : java.util.Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"type":"error","error":{"type":"authorized_error","message":"login fail (1004)"}} | login fail (1004) | 1004
            {"base_resp":{"status_code":1008,"status_msg":"insufficient balance"}}            | insufficient balance (1008) | 1008
            not json                                                                           | MiniMax returned HTTP 401. |
            """)
    void keeps_minimax_s_message_and_code(String body, String message, String code) {
        ProviderException e = mapper.map(401, h -> null, body.getBytes(StandardCharsets.UTF_8));

        assertThat(e.error().message()).isEqualTo(message);
        assertThat(e.error().code()).isEqualTo(code);
    }
}
