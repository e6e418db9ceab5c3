package io.conduit.provider.elevenlabs;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ElevenLabs' errors, as a table. */
class ElevenLabsErrorMapperTest {

    private final ElevenLabsErrorMapper mapper = new ElevenLabsErrorMapper();

    @ParameterizedTest(name = "{0} {5} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            400 | BAD_REQUEST       | false |   | {"detail":{"status":"max_character_limit_exceeded","message":"This request's text has 627 characters and exceeds the character limit of 333 characters for non signed in accounts."}} | max_character_limit_exceeded
            401 | AUTHENTICATION    | false |   | {"detail":{"status":"invalid_api_key","message":"Invalid API key"}}                   | invalid_api_key
            401 | PERMISSION_DENIED | false |   | {"detail":{"status":"quota_exceeded","message":"This request exceeds your quota."}}  | quota_exceeded
            402 | PERMISSION_DENIED | false |   | {"detail":{"status":"payment_required","message":"Payment required"}}                 | payment_required
            403 | PERMISSION_DENIED | false |   | {"detail":{"status":"missing_permissions","message":"The API key is missing the text_to_speech permission."}} | missing_permissions
            404 | NOT_FOUND         | false |   | {"detail":{"status":"voice_not_found","message":"A voice with the voice_id x was not found."}} | voice_not_found
            400 | NOT_FOUND         | false |   | {"detail":{"status":"voice_not_found","message":"A voice with the voice_id x was not found."}} | voice_not_found
            422 | UNPROCESSABLE     | false |   | {"detail":[{"type":"missing","loc":["body","text"],"msg":"Field required","input":{}}]} |
            429 | RATE_LIMITED      | true  | 2 | {"detail":{"status":"too_many_concurrent_requests","message":"Too many concurrent requests."}} | too_many_concurrent_requests
            429 | OVERLOADED        | true  |   | {"detail":{"status":"system_busy","message":"We are experiencing heavy traffic."}} | system_busy
            429 | RATE_LIMITED      | true  |   | {"detail":{"type":"rate_limit_error","code":"rate_limit_exceeded","message":"Slow down.","status":"rate_limit_exceeded"}} | rate_limit_exceeded
            500 | SERVER_ERROR      | true  |   | <html>Internal Server Error</html>                                                    |
            503 | OVERLOADED        | true  |   | {"detail":{"status":"system_busy","message":"Busy"}}                                  | system_busy
            504 | TIMEOUT           | true  |   |                                                                                       |
            """)
    void maps_status_and_detail_to_kind(int status, Kind kind, boolean retriable, String retryAfter, String body, String code) {
        Map<String, String> headers = retryAfter == null ? Map.of() : Map.of("retry-after", retryAfter);
        ProviderException e = mapper.map(status, headers::get, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.upstreamStatus()).isEqualTo(status);
        assertThat(e instanceof ProviderException.Retriable).isEqualTo(retriable);
        assertThat(e.error().code()).isEqualTo(code);
        assertThat(e.error().message()).isNotBlank();
        assertThat(e.retryAfter()).isEqualTo(retryAfter == null ? Optional.empty()
                : Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter))));
    }
}
