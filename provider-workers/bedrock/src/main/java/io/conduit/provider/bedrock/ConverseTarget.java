package io.conduit.provider.bedrock;

import io.conduit.provider.spi.ProviderEndpoint;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a Converse call goes: {@code {base}/model/{modelId}/converse} or {@code .../converse-stream},
 * and the region its signature is scoped to.
 */
final class ConverseTarget {

    static final String DEFAULT_REGION = "us-east-1";
    static final String REGION_SETTING = "region";

    /** {@code bedrock-runtime.<region>.amazonaws.com}, also FIPS, China and VPC endpoint host names. */
    private static final Pattern REGION_IN_HOST =
            Pattern.compile("(?:^|\\.)bedrock-runtime(?:-fips)?\\.([a-z0-9-]+)\\.(?:vpce\\.)?amazonaws\\.com(?:\\.cn)?$");

    private ConverseTarget() {}

    static URI uri(ProviderEndpoint endpoint, String modelId, boolean stream) {
        return endpoint.resolve("/model/" + encodePathSegment(modelId) + (stream ? "/converse-stream" : "/converse"));
    }

    /** The {@code region} setting, else the region in a Bedrock host name, else us-east-1. */
    static String region(ProviderEndpoint endpoint) {
        return endpoint.setting(REGION_SETTING).map(String::strip).orElseGet(() -> {
            String host = endpoint.baseUrl().getHost();
            Matcher m = host == null ? null : REGION_IN_HOST.matcher(host.toLowerCase(java.util.Locale.ROOT));
            return m != null && m.find() ? m.group(1) : DEFAULT_REGION;
        });
    }

    /**
     * Percent-encodes everything but RFC 3986 unreserved characters, as the AWS SDKs do for path
     * labels: model ids carry {@code ':'} ({@code anthropic.claude-3-haiku-20240307-v1:0}) and ARNs
     * carry {@code '/'}.
     */
    static String encodePathSegment(String segment) {
        StringBuilder out = new StringBuilder(segment.length() + 8);
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
