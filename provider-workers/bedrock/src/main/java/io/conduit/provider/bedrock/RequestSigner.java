package io.conduit.provider.bedrock;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Adds Bedrock's authentication to a request's headers: a Signature Version 4 signature computed
 * by the AWS SDK's signer (service {@code bedrock}, the body's hash included) for access keys, or
 * a bearer token for Bedrock API keys. Signing is pure computation: no I/O, no credential lookup.
 */
final class RequestSigner {

    /** The signing name of the Bedrock Runtime service (its endpoint prefix is {@code bedrock-runtime}). */
    static final String SERVICE = "bedrock";

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final Clock clock;

    RequestSigner(Clock clock) {
        this.clock = clock;
    }

    /**
     * The headers to send, names lower-cased: {@code headers} (lower-cased names expected) plus the
     * authentication ones. With an access key these are {@code authorization}, {@code x-amz-date},
     * {@code x-amz-content-sha256} and, for temporary credentials, {@code x-amz-security-token}.
     * {@code host} is signed but left out: the transport sets it from the URI, to the same value.
     */
    Map<String, String> sign(URI uri, Map<String, String> headers, byte[] body, BedrockCredentials credentials,
            String region) {
        Map<String, String> out = new LinkedHashMap<>(headers);
        switch (credentials) {
            case BedrockCredentials.ApiKey key -> out.put("authorization", "Bearer " + key.token());
            case BedrockCredentials.AccessKey key -> signV4(uri, headers, body, key, region).forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (!lower.equals("host") && !values.isEmpty()) {
                    out.put(lower, values.getFirst());
                }
            });
        }
        return out;
    }

    private Map<String, List<String>> signV4(URI uri, Map<String, String> headers, byte[] body,
            BedrockCredentials.AccessKey key, String region) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri);
        headers.forEach(request::putHeader);
        AwsCredentialsIdentity identity = key.sessionToken() == null
                ? AwsCredentialsIdentity.create(key.accessKeyId(), key.secretAccessKey())
                : AwsSessionCredentialsIdentity.create(key.accessKeyId(), key.secretAccessKey(), key.sessionToken());
        SignedRequest signed = SIGNER.sign(r -> r
                .identity(identity)
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        return signed.request().headers();
    }
}
