package io.conduit.provider.gemini;

import static io.conduit.provider.gemini.GeminiJson.MAPPER;
import static io.conduit.provider.gemini.GeminiJson.text;

import io.conduit.contracts.usage.MediaUsage;
import io.conduit.provider.spi.ImageGeneration;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.MultipartForm;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.UpstreamRequest;
import io.conduit.provider.spi.json.JsonType;
import io.conduit.provider.spi.media.MediaFailures;
import io.conduit.provider.spi.media.VideoSize;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Imagen on the Gemini API, as OpenAI's {@code /images/generations}: {@code POST {base}/models/{model}:predict}
 * with {@code {"instances":[{"prompt"}],"parameters":{"sampleCount","aspectRatio","imageSize"}}},
 * answered with {@code {"predictions":[{"bytesBase64Encoded","mimeType"}]}}. The answer is always
 * base64 images, so the client gets {@code data[].b64_json} whatever {@code response_format} it asked
 * for: when it asked for {@code url}, the caller stores the images and signs URLs for them.
 *
 * <p>Mapping: {@code n} → {@code sampleCount} (Imagen makes 1–4); {@code size} → the nearest
 * {@code aspectRatio} Imagen makes (1:1, 3:4, 4:3, 9:16, 16:9) and {@code imageSize: "2K"} when its
 * long side exceeds 1024 pixels (Imagen 4 Standard and Ultra); {@code quality}, {@code style},
 * {@code background} have no Imagen counterpart and are left out. Predictions withheld by the safety
 * filters come back without image (or not at all): when none is left the call fails as content
 * filtered. Imagen on the Gemini API edits nothing: edits are refused.
 *
 * <p>Documentation: https://ai.google.dev/gemini-api/docs/imagen, https://ai.google.dev/api/models#method:-models.predict.
 */
final class GeminiImages implements ImageGeneration {

    private static final String[] RATIOS = {"1:1", "3:4", "4:3", "9:16", "16:9"};
    private static final String DEFAULT_SIZE = "1024x1024";

    private final GeminiApi api;
    private final Clock clock;

    GeminiImages(GeminiApi api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    @Override
    public UpstreamRequest generate(ProviderEndpoint endpoint, InboundCall call) {
        String prompt = call.body().member("prompt").filter(m -> m.type() == JsonType.STRING)
                .map(call.body()::stringValue).orElseThrow(() -> MediaFailures.badRequest("prompt", "Imagen needs a 'prompt'."));
        Options options = Options.of(call.body(), call.providerModel());
        ObjectNode body = MAPPER.createObjectNode();
        body.putArray("instances").addObject().put("prompt", prompt);
        ObjectNode parameters = body.putObject("parameters");
        if (options.n() < 1 || options.n() > 4) {
            throw MediaFailures.badRequest("n", "Imagen makes 1 to 4 images per request.");
        }
        parameters.put("sampleCount", options.n());
        VideoSize size = size(options.size());
        if (size != null) {
            parameters.put("aspectRatio", nearestRatio(size));
            if (Math.max(size.width(), size.height()) > 1024) {
                parameters.put("imageSize", "2K");
            }
        }
        return new UpstreamRequest(api.uri(endpoint, call.providerModel(), "predict"), api.headers(endpoint, false),
                GeminiJson.bytes(body));
    }

    @Override
    public UpstreamRequest edit(ProviderEndpoint endpoint, MultipartForm form, String providerModel) {
        throw MediaFailures.badRequest("image", "Imagen on the Gemini API generates images; it does not edit them.");
    }

    @Override
    public Answer answer(Options requested, byte[] providerBody) {
        JsonNode root = GeminiJson.parseOrNull(providerBody, 0, providerBody.length);
        if (root == null || !root.isObject()) {
            throw MediaFailures.unreadable("Gemini", "images");
        }
        ObjectNode out = MAPPER.createObjectNode();
        out.put("created", clock.instant().getEpochSecond());
        ArrayNode data = out.putArray("data");
        List<String> filtered = new ArrayList<>();
        for (JsonNode prediction : root.path("predictions")) {
            String image = text(prediction.get("bytesBase64Encoded"));
            if (image != null && !image.isEmpty()) {
                ObjectNode item = data.addObject().put("b64_json", image);
                String revised = text(prediction.get("prompt"));
                if (revised != null) {
                    item.put("revised_prompt", revised);
                }
            } else if (text(prediction.get("raiFilteredReason")) != null) {
                filtered.add(text(prediction.get("raiFilteredReason")));
            }
        }
        if (data.isEmpty()) {
            throw ProviderException.of(Kind.CONTENT_FILTERED, 400, new ProviderError(filtered.isEmpty()
                    ? "Imagen returned no image: all were withheld by Google's safety filters." : String.join(" ", filtered),
                    "invalid_request_error", "prompt", "content_filter"), null);
        }
        String size = requested.size() == null || requested.size().isBlank() || requested.size().equalsIgnoreCase("auto")
                ? DEFAULT_SIZE : requested.size().strip();
        return new Answer(GeminiJson.bytes(out), new MediaUsage(data.size(), size, "standard", 0, null, 0, 0),
                TokenUsage.NONE);
    }

    private static VideoSize size(String size) {
        return size == null || size.isBlank() || size.equalsIgnoreCase("auto") ? null : VideoSize.parse(size, "size");
    }

    static String nearestRatio(VideoSize size) {
        double wanted = (double) size.width() / size.height();
        String best = RATIOS[0];
        double bestDistance = Double.MAX_VALUE;
        for (String ratio : RATIOS) {
            String[] parts = ratio.split(":");
            double distance = Math.abs(Math.log(Double.parseDouble(parts[0]) / Double.parseDouble(parts[1])) - Math.log(wanted));
            if (distance < bestDistance) {
                bestDistance = distance;
                best = ratio;
            }
        }
        return best;
    }
}
