package io.conduit.provider.gemini;

import io.conduit.provider.spi.ProviderEndpoint;
import java.net.URI;
import java.util.Map;

/**
 * Where and how to call one of the two Google APIs that serve Gemini: the Gemini API of Google AI
 * Studio (an API key) or Vertex AI (a service account). The request and answer bodies are the
 * same; paths and credentials differ.
 */
sealed interface GeminiApi permits AiStudioApi, VertexApi {

    /** Generate a whole answer. */
    String GENERATE = "generateContent";
    /** Generate an answer as server-sent events (without {@code alt=sse} Google streams a JSON array). */
    String STREAM_GENERATE = "streamGenerateContent?alt=sse";

    /** The provider type id this API is configured as. */
    String adapterId();

    /** The URI of a model's method, e.g. {@code generateContent} or {@code streamGenerateContent?alt=sse}. */
    URI uri(ProviderEndpoint endpoint, String model, String method);

    /** Headers of every request, credentials included. */
    Map<String, String> headers(ProviderEndpoint endpoint, boolean stream);

    /** Whether embeddings go through Vertex's {@code :predict} rather than {@code :batchEmbedContents}. */
    boolean vertex();

    /** A model name as configured, without a leading {@code models/}, so both APIs can place it in their paths. */
    static String bareModel(String model) {
        String m = model.strip();
        return m.startsWith("models/") ? m.substring("models/".length()) : m;
    }

    /** Escapes the characters of a model name that cannot stand in a URI path as they are. */
    static String pathSafe(String model) {
        StringBuilder out = new StringBuilder(model.length());
        for (byte b : model.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/' || c == '@';
            if (safe) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", (int) c));
            }
        }
        return out.toString();
    }
}
