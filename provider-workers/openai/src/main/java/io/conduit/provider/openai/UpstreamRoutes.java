package io.conduit.provider.openai;

import io.conduit.provider.openai.OpenAiPreset.Auth;
import io.conduit.provider.openai.OpenAiPreset.Routes;
import io.conduit.provider.spi.ProviderEndpoint;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a request of a preset goes and which headers carry the credential. Azure OpenAI has two URL
 * styles: the classic deployment URLs with a dated {@code api-version}, and the {@code /openai/v1}
 * API, chosen by a base URL ending in {@code /openai/v1} or {@code api_version: v1} (or {@code preview}).
 */
final class UpstreamRoutes {

    /** The current GA version of Azure's dated data-plane inference API. */
    static final String AZURE_DEFAULT_API_VERSION = "2024-10-21";
    static final String API_VERSION_SETTING = "api_version";

    private UpstreamRoutes() {}

    /** The URL of an operation such as {@code /chat/completions} for this endpoint and provider model. */
    static URI uri(OpenAiPreset preset, ProviderEndpoint endpoint, String operation, String providerModel) {
        if (preset.routes() == Routes.BASE_URL_PLUS_PATH) {
            return endpoint.resolve(operation);
        }
        String base = stripTrailingSlashes(endpoint.baseUrl().toString());
        String apiVersion = endpoint.setting(API_VERSION_SETTING).orElse(AZURE_DEFAULT_API_VERSION);
        if (base.endsWith("/openai/v1")) {
            return URI.create(base + operation + v1Query(apiVersion));
        }
        if (base.endsWith("/openai")) {
            base = base.substring(0, base.length() - "/openai".length());
        }
        if (isV1(apiVersion)) {
            return URI.create(base + "/openai/v1" + operation + v1Query(apiVersion));
        }
        String deployment = URLEncoder.encode(providerModel, StandardCharsets.UTF_8).replace("+", "%20");
        return URI.create(base + "/openai/deployments/" + deployment + operation + "?api-version="
                + URLEncoder.encode(apiVersion, StandardCharsets.UTF_8));
    }

    /**
     * The URL of the Responses API. Azure serves it without a deployment in the path (the body's
     * {@code model} is the deployment): on the v1 API at {@code /openai/v1/responses}, and on dated
     * preview versions (since {@code 2025-03-01-preview}) at {@code /openai/responses?api-version=…}.
     * Dated GA versions, the default {@code 2024-10-21} among them, have no Responses API, so for
     * them the v1 API is used.
     */
    static URI responsesUri(OpenAiPreset preset, ProviderEndpoint endpoint) {
        if (preset.routes() == Routes.BASE_URL_PLUS_PATH) {
            return endpoint.resolve("/responses");
        }
        String base = stripTrailingSlashes(endpoint.baseUrl().toString());
        String apiVersion = endpoint.setting(API_VERSION_SETTING).orElse(AZURE_DEFAULT_API_VERSION);
        if (base.endsWith("/openai/v1")) {
            return URI.create(base + "/responses" + v1Query(apiVersion));
        }
        if (base.endsWith("/openai")) {
            base = base.substring(0, base.length() - "/openai".length());
        }
        if (!isV1(apiVersion) && apiVersion.endsWith("-preview")) {
            return URI.create(base + "/openai/responses?api-version=" + URLEncoder.encode(apiVersion, StandardCharsets.UTF_8));
        }
        return URI.create(base + "/openai/v1/responses" + v1Query(apiVersion));
    }

    static Map<String, String> headers(OpenAiPreset preset, ProviderEndpoint endpoint, boolean stream) {
        Map<String, String> headers = new LinkedHashMap<>();
        String key = endpoint.apiKey();
        if (key != null && !key.isBlank()) {
            if (preset.auth() == Auth.API_KEY_HEADER) {
                headers.put("api-key", key);
            } else {
                headers.put("authorization", "Bearer " + key);
            }
        }
        headers.put("content-type", "application/json");
        headers.put("accept", stream ? "text/event-stream" : "application/json");
        preset.settingHeaders().forEach((setting, header) -> endpoint.setting(setting).ifPresent(v -> headers.put(header, v)));
        return headers;
    }

    private static boolean isV1(String apiVersion) {
        return apiVersion.equals("v1") || apiVersion.equals("preview");
    }

    /** The v1 API takes no dated version; its preview features are asked for with {@code api-version=preview}. */
    private static String v1Query(String apiVersion) {
        return apiVersion.equals("preview") ? "?api-version=preview" : "";
    }

    private static String stripTrailingSlashes(String base) {
        String result = base;
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }
}
