package io.conduit.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BedrockErrorMapperTest {

    private final BedrockErrorMapper mapper = new BedrockErrorMapper();

    private static byte[] body(String message) {
        return ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static Function<String, String> errorType(String type) {
        return type == null ? h -> null
                : Map.of("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazon.bedrock/")::get;
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
        "400, ValidationException, BAD_REQUEST, false",
        "400, ServiceQuotaExceededException, RATE_LIMITED, true",
        "400, SerializationException, BAD_REQUEST, false",
        "403, AccessDeniedException, PERMISSION_DENIED, false",
        "403, UnrecognizedClientException, AUTHENTICATION, false",
        "403, InvalidSignatureException, AUTHENTICATION, false",
        "403, ExpiredTokenException, AUTHENTICATION, false",
        "403, MissingAuthenticationTokenException, AUTHENTICATION, false",
        "404, ResourceNotFoundException, NOT_FOUND, false",
        "408, ModelTimeoutException, TIMEOUT, true",
        "424, ModelErrorException, SERVER_ERROR, true",
        "429, ThrottlingException, RATE_LIMITED, true",
        "429, ModelNotReadyException, OVERLOADED, true",
        "500, InternalServerException, SERVER_ERROR, true",
        "503, ServiceUnavailableException, OVERLOADED, true",
        // no x-amzn-ErrorType (a proxy or load balancer answered): the status decides
        "400, , BAD_REQUEST, false",
        "401, , AUTHENTICATION, false",
        "403, , PERMISSION_DENIED, false",
        "404, , NOT_FOUND, false",
        "413, , BAD_REQUEST, false",
        "424, , SERVER_ERROR, true",
        "429, , RATE_LIMITED, true",
        "502, , SERVER_ERROR, true",
        "503, , OVERLOADED, true",
        "504, , TIMEOUT, true",
    })
    void maps_each_error_to_its_kind(int status, String type, Kind kind, boolean retriable) {
        ProviderException e = mapper.map(status, errorType(type), body("boom"));

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e).isInstanceOf(retriable ? ProviderException.Retriable.class : ProviderException.NonRetriable.class);
        assertThat(e.upstreamStatus()).isEqualTo(status);
        assertThat(e.error().message()).isEqualTo("boom");
        assertThat(e.error().code()).isEqualTo(type);
        assertThat(e.getStackTrace()).isEmpty();
    }

    @Test
    void the_error_type_may_come_from_the_body_when_the_header_is_missing() {
        byte[] body = "{\"__type\":\"com.amazon.coral.service#UnrecognizedClientException\",\"Message\":\"The security token included in the request is invalid.\"}"
                .getBytes(StandardCharsets.UTF_8);

        ProviderException e = mapper.map(403, h -> null, body);

        assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(e.error().code()).isEqualTo("UnrecognizedClientException");
        assertThat(e.error().message()).isEqualTo("The security token included in the request is invalid.");
        assertThat(e.error().type()).isEqualTo("authentication_error");
    }

    @Test
    void the_header_is_read_whatever_its_case() {
        Function<String, String> lowerCaseOnly = Map.of("x-amzn-errortype", "ThrottlingException:http://x/")::get;

        assertThat(mapper.map(429, lowerCaseOnly, body("slow")).error().code()).isEqualTo("ThrottlingException");
    }

    @Test
    void retriable_errors_carry_retry_after_when_given() {
        Function<String, String> headers = Map.of("x-amzn-ErrorType", "ThrottlingException", "retry-after", "3")::get;

        assertThat(mapper.map(429, headers, body("slow")).retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(mapper.map(429, errorType("ThrottlingException"), body("slow")).retryAfter()).isEmpty();
        assertThat(mapper.map(400, Map.of("retry-after", "3")::get, body("bad")).retryAfter()).isEmpty();
    }

    @Test
    void bodies_that_are_not_json_get_a_generic_message() {
        ProviderException e = mapper.map(502, h -> null, "<html>Bad Gateway</html>".getBytes(StandardCharsets.UTF_8));

        assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(e.error().message()).isEqualTo("Bedrock returned HTTP 502.");
        assertThat(mapper.map(500, h -> null, new byte[0]).error().message()).isEqualTo("Bedrock returned HTTP 500.");
    }

    @Test
    void signature_errors_lose_the_canonical_request_and_access_key_ids_are_masked() {
        String message = "The request signature we calculated does not match the signature you provided."
                + "\\n\\nThe Canonical String for this request should have been\\n'POST\\n/model/x/converse'";
        ProviderException e = mapper.map(403, errorType("InvalidSignatureException"), body(message));
        assertThat(e.error().message()).isEqualTo("The request signature we calculated does not match the signature you provided.");

        ProviderException keyed = mapper.map(403, errorType("AccessDeniedException"),
                body("User with key AKIAIOSFODNN7EXAMPLE is not authorized"));
        assertThat(keyed.error().message()).isEqualTo("User with key [redacted] is not authorized");
    }

    @ParameterizedTest(name = "{0} → {1} ({2})")
    @CsvSource({
        "throttlingException, RATE_LIMITED, 429",
        "modelStreamErrorException, SERVER_ERROR, 424",
        "internalServerException, SERVER_ERROR, 500",
        "serviceUnavailableException, OVERLOADED, 503",
        "validationException, BAD_REQUEST, 400",
        "modelTimeoutException, TIMEOUT, 408",
        "CorruptEventStream, SERVER_ERROR, 500",
        "somethingNewException, SERVER_ERROR, 500",
    })
    void exceptions_inside_streams_map_like_their_http_twins(String type, Kind kind, int status) {
        ProviderException e = BedrockErrorMapper.inStream(type, "it broke");

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.upstreamStatus()).isEqualTo(status);
        assertThat(e.error().code()).isEqualTo(type);
        assertThat(e.error().message()).isEqualTo("it broke");
    }
}
