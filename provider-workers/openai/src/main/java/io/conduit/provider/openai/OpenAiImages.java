package io.conduit.provider.openai;

import static io.conduit.provider.openai.MediaRequests.count;
import static io.conduit.provider.openai.MediaRequests.text;

import io.conduit.contracts.json.JsonStrings;
import io.conduit.contracts.usage.MediaUsage;
import io.conduit.provider.openai.internal.ObjectEdit;
import io.conduit.provider.spi.ImageGeneration;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.MultipartForm;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.UpstreamRequest;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI's Images API: generations (JSON) and edits (multipart), passed through with the model
 * rewritten. GPT image models ({@code gpt-image-1}, {@code gpt-image-1-mini}, {@code gpt-image-1.5},
 * {@code chatgpt-image-latest}) always answer {@code b64_json} and take no {@code response_format},
 * so it is left out for them; they report token usage, which is read. Units: images in
 * {@code data}, size and quality as the answer reports them (GPT image models do), else as asked,
 * else the DALL·E default ({@code 1024x1024}, {@code standard}).
 */
final class OpenAiImages implements ImageGeneration {

    private static final String DEFAULT_SIZE = "1024x1024";
    private static final String DEFAULT_DALL_E_QUALITY = "standard";

    private final OpenAiPreset preset;

    OpenAiImages(OpenAiPreset preset) {
        this.preset = preset;
    }

    @Override
    public UpstreamRequest generate(ProviderEndpoint endpoint, InboundCall call) {
        byte[] model = JsonStrings.quoteUtf8(call.providerModel());
        ObjectEdit edit = new ObjectEdit(call.body()).replace("model", model).add("model", model);
        if (isGptImage(call.providerModel())) {
            edit.drop("response_format");
        }
        return new UpstreamRequest(UpstreamRoutes.uri(preset, endpoint, "/images/generations", call.providerModel()),
                MediaRequests.headers(preset, endpoint, "application/json", "application/json"), edit.toBytes());
    }

    @Override
    public UpstreamRequest edit(ProviderEndpoint endpoint, MultipartForm form, String providerModel) {
        MultipartForm sent = form.withField("model", providerModel);
        if (isGptImage(providerModel)) {
            sent = sent.without("response_format");
        }
        MultipartForm.Encoded encoded = sent.encode();
        return new UpstreamRequest(UpstreamRoutes.uri(preset, endpoint, "/images/edits", providerModel),
                MediaRequests.headers(preset, endpoint, encoded.contentType(), "application/json"), encoded.body());
    }

    @Override
    public Answer answer(Options requested, byte[] providerBody) {
        JsonNode root = MediaRequests.json(providerBody, "images");
        JsonNode data = root.path("data");
        if (!data.isArray() || data.isEmpty()) {
            throw MediaRequests.unreadable("images");
        }
        boolean gptImage = isGptImage(requested.providerModel());
        String size = firstKnown(text(root.get("size")), requested.size(), gptImage ? null : DEFAULT_SIZE);
        String quality = firstKnown(text(root.get("quality")), requested.quality(), gptImage ? null : DEFAULT_DALL_E_QUALITY);
        MediaUsage media = new MediaUsage(data.size(), size, quality, 0, null, 0, 0);
        return new Answer(providerBody, media, tokens(root.path("usage")));
    }

    /** {@code gpt-image-1} usage: input tokens (text and image) and output (image) tokens. */
    private static TokenUsage tokens(JsonNode usage) {
        if (!usage.isObject()) {
            return TokenUsage.NONE;
        }
        long input = count(usage.get("input_tokens"));
        long output = count(usage.get("output_tokens"));
        long cached = Math.min(input, count(usage.path("input_tokens_details").get("cached_tokens")));
        return input == 0 && output == 0 ? TokenUsage.NONE : new TokenUsage(input, output, cached, 0, false);
    }

    /** The first value that names a size or quality, {@code auto} counting as none. */
    private static String firstKnown(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank() && !value.strip().equalsIgnoreCase("auto")) {
                return value.strip().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    static boolean isGptImage(String model) {
        String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
        return m.startsWith("gpt-image") || m.startsWith("chatgpt-image");
    }
}
