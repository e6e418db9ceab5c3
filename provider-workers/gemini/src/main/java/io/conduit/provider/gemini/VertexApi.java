package io.conduit.provider.gemini;

import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.ProviderException;
import java.net.URI;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gemini on Vertex AI: {@code {base}/projects/{project}/locations/{location}/publishers/google/models/{model}:generateContent}
 * (https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/inference), authorized
 * with a bearer token: a self-signed JWT of the configured service account, or an access token.
 *
 * <p>Settings: {@code project} (default: the service account's {@code project_id}) and
 * {@code location} (default: the region of a regional base URL such as
 * {@code https://us-central1-aiplatform.googleapis.com/v1}, else {@code global}). With the global
 * host and a regional location the regional host is used, as Google requires.
 */
final class VertexApi implements GeminiApi {

    static final String ID = "vertex_ai";
    static final String GLOBAL_HOST = "aiplatform.googleapis.com";
    private static final Pattern REGIONAL_HOST = Pattern.compile("^([a-z0-9-]+)-aiplatform\\.googleapis\\.com$");

    private final VertexCredentials credentials;

    VertexApi(VertexCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public String adapterId() {
        return ID;
    }

    @Override
    public URI uri(ProviderEndpoint endpoint, String model, String method) {
        String location = location(endpoint);
        String bare = GeminiApi.bareModel(model);
        String path;
        if (bare.startsWith("projects/")) {
            path = "/" + bare; // a full resource name: a tuned model endpoint, another project's model
        } else {
            String parent = "/projects/" + project(endpoint) + "/locations/" + location;
            path = bare.startsWith("publishers/") ? parent + "/" + bare : parent + "/publishers/google/models/" + bare;
        }
        URI uri = endpoint.resolve(GeminiApi.pathSafe(path) + ":" + method);
        if (GLOBAL_HOST.equals(uri.getHost()) && !"global".equals(location)) {
            return URI.create(uri.toString().replaceFirst("://" + Pattern.quote(GLOBAL_HOST),
                    "://" + location + "-" + GLOBAL_HOST));
        }
        return uri;
    }

    @Override
    public Map<String, String> headers(ProviderEndpoint endpoint, boolean stream) {
        return Map.of(
                "authorization", "Bearer " + credentials.bearer(endpoint.apiKey()),
                "content-type", "application/json",
                "accept", stream ? "text/event-stream" : "application/json");
    }

    @Override
    public boolean vertex() {
        return true;
    }

    private String project(ProviderEndpoint endpoint) {
        return endpoint.setting("project")
                .or(() -> credentials.projectId(endpoint.apiKey()))
                .orElseThrow(() -> ProviderException.of(ProviderException.Kind.BAD_REQUEST, 0, new ProviderError(
                        "The Vertex AI provider '" + endpoint.providerName() + "' has no project: set the 'project' "
                                + "setting or use a service-account key that names one.",
                        "invalid_request_error", null, "vertex_project_missing"), null));
    }

    static String location(ProviderEndpoint endpoint) {
        return endpoint.setting("location").orElseGet(() -> {
            String host = endpoint.baseUrl().getHost();
            Matcher regional = host == null ? null : REGIONAL_HOST.matcher(host);
            return regional != null && regional.matches() ? regional.group(1) : "global";
        });
    }
}
