package io.conduit.provider.replicate;

import static io.conduit.provider.replicate.Predictions.JSON;

import io.conduit.contracts.usage.MediaUsage;
import io.conduit.provider.spi.FormPart;
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
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Image models on Replicate, as OpenAI's {@code /images}: a prediction created with {@code Prefer: wait},
 * so Replicate holds the request open (up to 60 s) and answers the finished prediction. Its
 * {@code output} (a URL or a list of URLs on Replicate's delivery host, fetched without the token) becomes
 * {@code data[].url}; an output given inline as a {@code data:} URL becomes {@code data[].b64_json}.
 *
 * <p>Mapping into {@code input}: {@code prompt}; {@code n} → {@code num_outputs} (when above 1);
 * {@code size} → {@code aspect_ratio} ({@code 1024x1024} → {@code 1:1}); an {@code input} object in the
 * client's request is merged over these. Edits send the form's {@code image} (and {@code mask}) as data
 * URLs in {@code input.image} ({@code input.mask}) with its {@code prompt}.
 *
 * <p>A prediction that did not end within the wait is a {@link Kind#TIMEOUT} naming the prediction (it
 * keeps running, and is billed); a failed one is {@link Kind#UNPROCESSABLE} with Replicate's error, or
 * {@link Kind#CONTENT_FILTERED} when the model withheld NSFW output. Units: the images returned, at the
 * size asked for.
 *
 * <p>Documentation: https://replicate.com/docs/topics/predictions/create-a-prediction (sync mode),
 * https://replicate.com/docs/reference/http#models.predictions.create.
 */
final class ReplicateImages implements ImageGeneration {

    private final Clock clock;

    ReplicateImages(Clock clock) {
        this.clock = clock;
    }

    @Override
    public UpstreamRequest generate(ProviderEndpoint endpoint, InboundCall call) {
        Options options = Options.of(call.body(), call.providerModel());
        ObjectNode body = JSON.createObjectNode();
        ObjectNode input = body.putObject("input");
        call.body().member("prompt").filter(m -> m.type() == JsonType.STRING)
                .ifPresent(m -> input.put("prompt", call.body().stringValue(m)));
        if (options.n() > 1) {
            input.put("num_outputs", options.n());
        }
        if (options.size() != null && !options.size().isBlank() && !options.size().equalsIgnoreCase("auto")) {
            input.put("aspect_ratio", VideoSize.parse(options.size(), "size").aspectRatio());
        }
        Predictions.mergeClientInput(call.body(), input);
        if (input.isEmpty()) {
            throw MediaFailures.badRequest("prompt", "A Replicate image model needs a 'prompt' or model inputs in 'input'.");
        }
        return Predictions.create(endpoint, call.providerModel(), body, true);
    }

    @Override
    public UpstreamRequest edit(ProviderEndpoint endpoint, MultipartForm form, String providerModel) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode input = body.putObject("input");
        form.field("prompt").ifPresent(prompt -> input.put("prompt", prompt));
        FormPart image = form.parts().stream().filter(p -> p.name().equals("image") || p.name().equals("image[]"))
                .filter(p -> p.filename() != null).findFirst()
                .orElseThrow(() -> MediaFailures.badRequest("image", "An image edit needs an 'image' file."));
        input.put("image", dataUrl(image));
        form.parts().stream().filter(p -> p.name().equals("mask") && p.filename() != null).findFirst()
                .ifPresent(mask -> input.put("mask", dataUrl(mask)));
        return Predictions.create(endpoint, providerModel, body, true);
    }

    @Override
    public Answer answer(Options requested, byte[] providerBody) {
        JsonNode prediction = Predictions.read(providerBody);
        String status = prediction.path("status").asString("");
        String id = prediction.path("id").asString();
        switch (status) {
            case "succeeded" -> { }
            case "starting", "processing" -> throw ProviderException.of(Kind.TIMEOUT, 201, new ProviderError(
                    "Replicate prediction " + id + " did not finish within the wait; it is still running.", "timeout", null,
                    "prediction_not_finished"), null);
            default -> {
                String error = prediction.path("error").asString("The prediction " + status + ".");
                Kind kind = error.toLowerCase(Locale.ROOT).contains("nsfw") ? Kind.CONTENT_FILTERED : Kind.UNPROCESSABLE;
                throw ProviderException.of(kind, kind == Kind.CONTENT_FILTERED ? 400 : 422,
                        new ProviderError(error, "invalid_request_error", null, status), null);
            }
        }
        List<String> urls = new ArrayList<>();
        JsonNode output = prediction.path("output");
        if (output.isArray()) {
            output.forEach(item -> urls.add(item.asString("")));
        } else {
            urls.add(output.asString(""));
        }
        urls.removeIf(String::isBlank);
        if (urls.isEmpty()) {
            throw MediaFailures.unreadable("Replicate", "prediction");
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("created", clock.instant().getEpochSecond());
        ArrayNode data = out.putArray("data");
        for (String url : urls) {
            int comma = url.indexOf(',');
            if (url.startsWith("data:") && comma > 0) {
                data.addObject().put("b64_json", url.substring(comma + 1));
            } else {
                data.addObject().put("url", url);
            }
        }
        String size = requested.size() == null || requested.size().isBlank() || requested.size().equalsIgnoreCase("auto")
                ? null : requested.size().strip();
        return new Answer(JSON.writeValueAsBytes(out), new MediaUsage(urls.size(), size, requested.quality(), 0, null, 0, 0),
                TokenUsage.NONE);
    }

    private static String dataUrl(FormPart part) {
        String type = part.contentType() == null || part.contentType().isBlank() ? "image/png" : part.contentType();
        return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(part.content());
    }
}
