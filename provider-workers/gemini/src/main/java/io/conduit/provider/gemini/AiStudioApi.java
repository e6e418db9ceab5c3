package io.conduit.provider.gemini;

import io.conduit.provider.spi.ProviderEndpoint;
import java.net.URI;
import java.util.Map;

/**
 * The Gemini API (Google AI Studio): {@code {base}/models/{model}:generateContent} with the API key
 * in {@code x-goog-api-key} (https://ai.google.dev/api/generate-content).
 */
final class AiStudioApi implements GeminiApi {

    static final String ID = "gemini";

    @Override
    public String adapterId() {
        return ID;
    }

    @Override
    public URI uri(ProviderEndpoint endpoint, String model, String method) {
        String bare = GeminiApi.bareModel(model);
        // tuned models live under their own collection; everything else is a base model
        String path = bare.startsWith("tunedModels/") ? "/" + bare : "/models/" + bare;
        return endpoint.resolve(GeminiApi.pathSafe(path) + ":" + method);
    }

    @Override
    public Map<String, String> headers(ProviderEndpoint endpoint, boolean stream) {
        return Map.of(
                "x-goog-api-key", endpoint.apiKey(),
                "content-type", "application/json",
                "accept", stream ? "text/event-stream" : "application/json");
    }

    @Override
    public boolean vertex() {
        return false;
    }
}
