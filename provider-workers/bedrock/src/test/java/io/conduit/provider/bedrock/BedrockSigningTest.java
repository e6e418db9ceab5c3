package io.conduit.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.UpstreamRequest;
import io.conduit.provider.testkit.contract.AdapterHarness;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Signature Version 4 signing of Converse requests, Bedrock API keys, and where requests go. */
class BedrockSigningTest {

    private static final Instant NOW = Instant.parse("2025-03-14T09:26:53Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String BODY = "{\"model\":\"alias\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    private static ProviderEndpoint endpoint(String base, String apiKey, Map<String, String> settings) {
        return new ProviderEndpoint("p", "bedrock-test", "bedrock", URI.create(base), apiKey, settings);
    }

    private static UpstreamRequest request(ProviderEndpoint endpoint, String model, boolean stream) {
        String body = stream ? BODY.replace("}]}", "}],\"stream\":true}") : BODY;
        return BedrockAdapter.create(CLOCK).chatCompletions().orElseThrow()
                .request(endpoint, AdapterHarness.inbound(body, model));
    }

    @Test
    void access_key_requests_carry_a_sigv4_signature_scoped_to_bedrock_and_the_region() {
        UpstreamRequest signed = request(endpoint("https://bedrock-runtime.eu-west-3.amazonaws.com",
                "AKIDEXAMPLE:wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", Map.of()), "mistral.mistral-large-2407-v1:0", false);

        assertThat(signed.uri()).hasToString(
                "https://bedrock-runtime.eu-west-3.amazonaws.com/model/mistral.mistral-large-2407-v1%3A0/converse");
        Map<String, String> headers = lowerCased(signed.headers());
        assertThat(headers.get("x-amz-date")).isEqualTo("20250314T092653Z");
        assertThat(headers.get("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250314/eu-west-3/bedrock/"
                + "aws4_request, SignedHeaders=accept;content-type;host;x-amz-content-sha256;x-amz-date, Signature=");
        assertThat(headers.get("x-amz-content-sha256"))
                .isEqualTo(HexFormat.of().formatHex(sha256Unchecked(signed.body())));
        assertThat(headers).doesNotContainKey("host").doesNotContainKey("x-amz-security-token");
        assertThat(headers.get("content-type")).isEqualTo("application/json");
        assertThat(headers.get("accept")).isEqualTo("application/json");
    }

    @Test
    void the_signature_is_the_one_the_sigv4_specification_gives() throws Exception {
        String secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
        UpstreamRequest signed = request(endpoint("https://bedrock-runtime.us-east-1.amazonaws.com",
                "AKIDEXAMPLE:" + secret, Map.of()), "us.anthropic.claude-3-5-haiku-20241022-v1:0", true);

        String signature = lowerCased(signed.headers()).get("authorization").replaceAll(".*Signature=", "");
        assertThat(signature).isEqualTo(referenceSignature(signed, secret, "us-east-1"));
    }

    @Test
    void temporary_credentials_add_a_signed_security_token() {
        UpstreamRequest signed = request(endpoint("https://bedrock-runtime.us-east-1.amazonaws.com",
                "ASIAEXAMPLE:secret/key:IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ==", Map.of()),
                "amazon.nova-pro-v1:0", false);

        Map<String, String> headers = lowerCased(signed.headers());
        assertThat(headers.get("x-amz-security-token")).isEqualTo("IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ==");
        assertThat(headers.get("authorization")).contains("SignedHeaders=accept;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token");
    }

    @Test
    void a_key_without_colon_is_a_bedrock_api_key_sent_as_bearer_token() {
        UpstreamRequest request = request(endpoint("https://bedrock-runtime.us-east-1.amazonaws.com",
                "ABSKQmVkcm9ja0FQSUtleS1example", Map.of()), "amazon.nova-lite-v1:0", true);

        Map<String, String> headers = lowerCased(request.headers());
        assertThat(headers.get("authorization")).isEqualTo("Bearer ABSKQmVkcm9ja0FQSUtleS1example");
        assertThat(headers).doesNotContainKey("x-amz-date");
        assertThat(headers.get("accept")).isEqualTo("application/vnd.amazon.eventstream");
        assertThat(request.uri().getPath()).endsWith("/converse-stream");
    }

    @Test
    void signing_is_deterministic_for_a_clock_and_changes_with_the_body() {
        ProviderEndpoint endpoint = endpoint("https://bedrock-runtime.us-east-1.amazonaws.com", "AK:SK", Map.of());
        String first = lowerCased(request(endpoint, "amazon.nova-pro-v1:0", false).headers()).get("authorization");
        String again = lowerCased(request(endpoint, "amazon.nova-pro-v1:0", false).headers()).get("authorization");
        String other = lowerCased(request(endpoint, "amazon.nova-lite-v1:0", false).headers()).get("authorization");

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'', AUTHENTICATION",
        "':secret', AUTHENTICATION",
        "'AKID:', AUTHENTICATION",
        "'AKID:secret:', AUTHENTICATION",
    })
    void malformed_credentials_are_refused_without_echoing_them(String apiKey, ProviderException.Kind kind) {
        ProviderEndpoint endpoint = endpoint("https://bedrock-runtime.us-east-1.amazonaws.com", apiKey, Map.of());

        assertThatThrownBy(() -> request(endpoint, "amazon.nova-pro-v1:0", false))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    if (apiKey.length() > 5) {
                        assertThat(e.getMessage()).doesNotContain(apiKey);
                    }
                });
    }

    @Test
    void credentials_never_show_in_to_string() {
        String secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
        assertThat(BedrockCredentials.parse("AKIDEXAMPLE:" + secret + ":TOKEN123").toString())
                .doesNotContain(secret).doesNotContain("TOKEN123").doesNotContain("AKIDEXAMPLE");
        assertThat(BedrockCredentials.parse("ABSKsecretkey").toString()).doesNotContain("ABSKsecretkey");
        UpstreamRequest request = request(endpoint("https://bedrock-runtime.us-east-1.amazonaws.com",
                "AKIDEXAMPLE:" + secret, Map.of()), "amazon.nova-pro-v1:0", false);
        assertThat(request.toString()).doesNotContain(secret).doesNotContain("AKIDEXAMPLE");
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
        "https://bedrock-runtime.us-east-1.amazonaws.com, '', us-east-1",
        "https://bedrock-runtime.eu-central-1.amazonaws.com, '', eu-central-1",
        "https://bedrock-runtime-fips.us-gov-west-1.amazonaws.com, '', us-gov-west-1",
        "https://bedrock-runtime.cn-north-1.amazonaws.com.cn, '', cn-north-1",
        "https://vpce-0a1b2c3d-x1y2z3.bedrock-runtime.ap-southeast-2.vpce.amazonaws.com, '', ap-southeast-2",
        "https://bedrock-runtime.eu-central-1.amazonaws.com, us-west-2, us-west-2",
        "http://127.0.0.1:8080, '', us-east-1",
        "https://bedrock-proxy.internal.example.com, ap-northeast-1, ap-northeast-1",
    })
    void region_comes_from_the_setting_else_the_host_else_us_east_1(String base, String setting, String region) {
        Map<String, String> settings = setting.isEmpty() ? Map.of() : Map.of("region", setting);
        assertThat(ConverseTarget.region(endpoint(base, "AK:SK", settings))).isEqualTo(region);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "anthropic.claude-3-haiku-20240307-v1:0, /model/anthropic.claude-3-haiku-20240307-v1%3A0/converse",
        "us.anthropic.claude-sonnet-4-20250514-v1:0, /model/us.anthropic.claude-sonnet-4-20250514-v1%3A0/converse",
        "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.meta.llama3-3-70b-instruct-v1:0,"
                + " /model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.meta.llama3-3-70b-instruct-v1%3A0/converse",
    })
    void model_ids_are_percent_encoded_into_the_path(String model, String rawPath) {
        UpstreamRequest request = request(endpoint("https://bedrock-runtime.us-east-1.amazonaws.com/", "AK:SK", Map.of()),
                model, false);
        assertThat(request.uri().getRawPath()).isEqualTo(rawPath);
    }

    /**
     * The signature computed step by step from the Signature Version 4 specification
     * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html),
     * independently of the SDK: path segments encoded twice (every service but S3), the signed
     * headers sorted, the payload hashed.
     */
    private static String referenceSignature(UpstreamRequest request, String secret, String region) throws Exception {
        Map<String, String> headers = new TreeMap<>(lowerCased(request.headers()));
        headers.remove("authorization");
        headers.put("host", request.uri().getHost());
        String signedHeaders = String.join(";", headers.keySet());
        String canonicalPath = List.of(request.uri().getRawPath().split("/", -1)).stream()
                .map(segment -> segment.replace("%", "%25")).collect(Collectors.joining("/"));
        String canonical = "POST\n" + canonicalPath + "\n\n"
                + headers.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue().strip() + "\n")
                        .collect(Collectors.joining())
                + "\n" + signedHeaders + "\n" + hex(sha256(request.body()));
        String date = headers.get("x-amz-date");
        String scope = date.substring(0, 8) + "/" + region + "/bedrock/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + date + "\n" + scope + "\n"
                + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date.substring(0, 8));
        key = hmac(key, region);
        key = hmac(key, "bedrock");
        key = hmac(key, "aws4_request");
        return hex(hmac(key, toSign));
    }

    private static byte[] sha256Unchecked(byte[] data) {
        try {
            return sha256(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static Map<String, String> lowerCased(Map<String, String> headers) {
        Map<String, String> out = new TreeMap<>();
        headers.forEach((k, v) -> out.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return out;
    }

}
