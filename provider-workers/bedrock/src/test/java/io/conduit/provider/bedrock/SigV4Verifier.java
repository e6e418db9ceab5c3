package io.conduit.provider.bedrock;

import io.conduit.provider.testkit.contract.CapturedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Checks a request's Signature Version 4 as AWS does for Bedrock: the {@code Authorization} header's
 * structure and credential scope ({@code <key id>/<yyyymmdd>/<region>/bedrock/aws4_request}), the
 * signing time (at most 5 minutes off), and the signature itself, recomputed by the AWS SDK's
 * signer from the key's secret, the signed headers as received and the body. Answers the error
 * AWS gives for each failure, or empty when the signature is good.
 * See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-troubleshooting.html.
 */
final class SigV4Verifier {

    /** An AWS auth-layer rejection: always a 403 with an error type and message. */
    record Rejection(String errorType, String message) {}

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/,\\s]+)/(\\d{8})/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request,\\s*"
                    + "SignedHeaders=([a-z0-9;-]+),\\s*Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final Map<String, String> secrets;
    private final String region;
    private final Clock clock;

    SigV4Verifier(Map<String, String> secretsByAccessKeyId, String region, Clock clock) {
        this.secrets = Map.copyOf(secretsByAccessKeyId);
        this.region = region;
        this.clock = clock;
    }

    Optional<Rejection> verify(CapturedRequest request) {
        String authorization = request.header("authorization").orElse("");
        Matcher m = AUTHORIZATION.matcher(authorization);
        if (!m.matches()) {
            return Optional.of(new Rejection("IncompleteSignatureException",
                    "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters."
                            + " Authorization=" + authorization.split(" ", 2)[0]));
        }
        String keyId = m.group(1);
        String secret = secrets.get(keyId);
        if (secret == null) {
            return Optional.of(new Rejection("UnrecognizedClientException",
                    "The security token included in the request is invalid."));
        }
        if (!m.group(3).equals(region)) {
            return Optional.of(new Rejection("InvalidSignatureException",
                    "Credential should be scoped to a valid region, not '" + m.group(3) + "'."));
        }
        if (!m.group(4).equals(RequestSigner.SERVICE)) {
            return Optional.of(new Rejection("InvalidSignatureException",
                    "Credential should be scoped to correct service: 'bedrock'."));
        }
        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(request.header("x-amz-date").orElse("")));
        } catch (DateTimeParseException e) {
            return Optional.of(new Rejection("IncompleteSignatureException", "Date must be in ISO-8601 'basic format'."));
        }
        if (!m.group(2).equals(AMZ_DATE.format(signedAt).substring(0, 8))) {
            return Optional.of(new Rejection("InvalidSignatureException",
                    "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP."));
        }
        Instant now = clock.instant();
        if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
            return Optional.of(new Rejection("InvalidSignatureException", "Signature expired: "
                    + AMZ_DATE.format(signedAt) + " is now earlier than " + AMZ_DATE.format(now.minus(MAX_SKEW))
                    + " (" + AMZ_DATE.format(now) + " - 5 min.)"));
        }
        String expected = recompute(request, m.group(5), keyId, secret, signedAt);
        if (!expected.equals(m.group(6))) {
            return Optional.of(new Rejection("InvalidSignatureException",
                    "The request signature we calculated does not match the signature you provided. Check your AWS"
                            + " Secret Access Key and signing method. Consult the service documentation for details."
                            + "\n\nThe Canonical String for this request should have been\n'POST\n" + request.path()
                            + "\n...'"));
        }
        return Optional.empty();
    }

    /** The signature the SDK signer computes over the headers the client signed, as they arrived. */
    private static String recompute(CapturedRequest request, String signedHeaders, String keyId, String secret,
            Instant signedAt) {
        String host = request.header("host").orElse("");
        SdkHttpRequest.Builder builder = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(java.net.URI.create("http://" + host + request.target()));
        for (String name : signedHeaders.split(";")) {
            if (!name.equals("host")) {
                request.header(name).ifPresent(value -> builder.putHeader(name, value));
            }
        }
        String token = request.header("x-amz-security-token").orElse(null);
        AwsCredentialsIdentity identity = token == null
                ? AwsCredentialsIdentity.create(keyId, secret)
                : AwsSessionCredentialsIdentity.create(keyId, secret, token);
        String authorization = SIGNER.sign(r -> r
                        .identity(identity)
                        .request(builder.build())
                        .payload(ContentStreamProvider.fromByteArray(request.body()))
                        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, RequestSigner.SERVICE)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, regionOf(request))
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
                .request().firstMatchingHeader("Authorization").orElse("");
        int at = authorization.indexOf("Signature=");
        return at < 0 ? "" : authorization.substring(at + "Signature=".length());
    }

    private static String regionOf(CapturedRequest request) {
        Matcher m = AUTHORIZATION.matcher(request.header("authorization").orElse(""));
        return m.matches() ? m.group(3) : "";
    }
}
