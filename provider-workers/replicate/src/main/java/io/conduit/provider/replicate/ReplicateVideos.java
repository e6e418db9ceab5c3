package io.conduit.provider.replicate;

import static io.conduit.provider.replicate.Predictions.JSON;

import io.conduit.contracts.usage.MediaUsage;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.UpstreamRequest;
import io.conduit.provider.spi.VideoJobs;
import io.conduit.provider.spi.VideoStatus;
import io.conduit.provider.spi.VideoStatus.State;
import io.conduit.provider.spi.media.MediaFailures;
import io.conduit.provider.spi.media.VideoRequest;
import java.net.URI;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Video models on Replicate, as OpenAI's {@code /videos}. A job is a prediction: created as
 * {@link Predictions#create} says (answered {@code 201} with the prediction, whose {@code id} is the
 * task), read with {@code GET /predictions/{id}} ({@code status} {@code starting}, {@code processing},
 * {@code succeeded}, {@code failed}, {@code canceled}; {@code output} a URL or a list of URLs, fetched
 * without the token; {@code error}; {@code logs}; {@code metrics.predict_time}), cancelled with
 * {@code POST /predictions/{id}/cancel}. Replicate reports no progress (only the model's logs), so none is given.
 *
 * <p>Webhooks: {@link #submit(ProviderEndpoint, InboundCall, URI)} sets {@code webhook} to the caller's URL
 * and {@code webhook_events_filter} to {@code ["start","completed"]}; Replicate then POSTs the prediction
 * (the same object, read by {@link #status}) when it starts and when it ends, signed as
 * {@link ReplicateWebhooks} checks.
 *
 * <p>Mapping into {@code input} (the names most Replicate video models use): {@code prompt};
 * {@code seconds} → {@code duration}; {@code size} → {@code aspect_ratio} ({@code 16:9}) and
 * {@code resolution} ({@code 720p}); {@code input_reference} (data or https URL) → {@code image} (another
 * name with the setting {@code image_input}, e.g. {@code first_frame_image} or {@code start_image}). An
 * {@code input} object in the client's request is merged over these, for inputs only one model has.
 * Units: {@code duration} and the size from the prediction's echoed {@code input}, when there.
 *
 * <p>Documentation: https://replicate.com/docs/reference/http#predictions.create,
 * https://replicate.com/docs/reference/http#predictions.get, https://replicate.com/docs/reference/http#predictions.cancel,
 * https://replicate.com/docs/topics/predictions/lifecycle, https://replicate.com/docs/topics/webhooks.
 */
final class ReplicateVideos implements VideoJobs {

    static final String IMAGE_INPUT_SETTING = "image_input";

    @Override
    public UpstreamRequest submit(ProviderEndpoint endpoint, InboundCall call) {
        return Predictions.create(endpoint, call.providerModel(), body(endpoint, call), false);
    }

    @Override
    public boolean callbacks() {
        return true;
    }

    @Override
    public UpstreamRequest submit(ProviderEndpoint endpoint, InboundCall call, URI callback) {
        ObjectNode body = body(endpoint, call);
        if (callback != null) {
            body.put("webhook", callback.toString());
            body.putArray("webhook_events_filter").add("start").add("completed");
        }
        return Predictions.create(endpoint, call.providerModel(), body, false);
    }

    @Override
    public String submitted(byte[] providerBody) {
        return Predictions.read(providerBody).path("id").asString();
    }

    @Override
    public UpstreamRequest poll(ProviderEndpoint endpoint, String taskId) {
        return UpstreamRequest.get(endpoint.resolve("/predictions/" + Predictions.segment(taskId)), Predictions.headers(endpoint));
    }

    @Override
    public VideoStatus status(byte[] providerBody) {
        JsonNode prediction = Predictions.read(providerBody);
        JsonNode input = prediction.path("input");
        long seconds = input.path("duration").isIntegralNumber() ? input.path("duration").asLong() : 0;
        String resolution = resolution(input);
        return switch (prediction.path("status").asString("")) {
            case "starting" -> new VideoStatus(State.QUEUED, -1, null, null, seconds, resolution);
            case "processing" -> new VideoStatus(State.IN_PROGRESS, -1, null, null, seconds, resolution);
            case "succeeded" -> new VideoStatus(State.COMPLETED, 100, null, output(prediction), seconds, resolution);
            case "failed" -> failed(prediction.path("error").asString("The prediction failed."), "failed", seconds, resolution);
            case "canceled" -> failed("The prediction was canceled.", "canceled", seconds, resolution);
            case "aborted" -> failed("The prediction was aborted before it started.", "aborted", seconds, resolution);
            default -> throw MediaFailures.unreadable("Replicate", "prediction");
        };
    }

    @Override
    public MediaUsage requested(InboundCall call) {
        VideoRequest request = VideoRequest.of(call.body());
        ObjectNode input = JSON.createObjectNode();
        Predictions.mergeClientInput(call.body(), input);
        long seconds = request.seconds() != null ? request.seconds()
                : input.path("duration").isIntegralNumber() ? input.path("duration").asLong() : 0;
        return new MediaUsage(0, null, null, seconds, request.size() == null ? resolution(input) : request.sizeText(), 0, 0);
    }

    @Override
    public Optional<UpstreamRequest> cancel(ProviderEndpoint endpoint, String taskId) {
        return Optional.of(new UpstreamRequest(endpoint.resolve("/predictions/" + Predictions.segment(taskId) + "/cancel"),
                Predictions.headers(endpoint), new byte[0]));
    }

    /** Replicate hands out output URLs only: a finished status always carries one. */
    @Override
    public UpstreamRequest download(ProviderEndpoint endpoint, String taskId, Asset asset) {
        throw new IllegalArgumentException("Replicate outputs are fetched from the URL of their final status");
    }

    private static ObjectNode body(ProviderEndpoint endpoint, InboundCall call) {
        VideoRequest request = VideoRequest.of(call.body());
        ObjectNode body = JSON.createObjectNode();
        ObjectNode input = body.putObject("input");
        if (request.prompt() != null) {
            input.put("prompt", request.prompt());
        }
        if (request.seconds() != null) {
            input.put("duration", request.seconds());
        }
        if (request.size() != null) {
            input.put("aspect_ratio", request.size().aspectRatio());
            input.put("resolution", request.size().lines());
        }
        if (request.inputReference() != null) {
            input.put(endpoint.setting(IMAGE_INPUT_SETTING).orElse("image"), request.inputReference().asUrl());
        }
        Predictions.mergeClientInput(call.body(), input);
        if (input.isEmpty()) {
            throw MediaFailures.badRequest("prompt", "A Replicate video model needs a 'prompt' or model inputs in 'input'.");
        }
        return body;
    }

    private static URI output(JsonNode prediction) {
        JsonNode output = prediction.path("output");
        String url = output.isArray() ? output.path(0).asString("") : output.asString("");
        if (url.isBlank()) {
            throw MediaFailures.unreadable("Replicate", "prediction");
        }
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            throw MediaFailures.unreadable("Replicate", "prediction");
        }
    }

    private static VideoStatus failed(String message, String code, long seconds, String resolution) {
        return new VideoStatus(State.FAILED, -1, new ProviderError(message, "video_generation_failed", null, code), null, seconds,
                resolution);
    }

    /** {@code resolution} {@code 720p} and {@code aspect_ratio} {@code 16:9} as {@code 1280x720}; null when either is missing. */
    static String resolution(JsonNode input) {
        String lines = input.path("resolution").asString("").toLowerCase(java.util.Locale.ROOT);
        String[] ratio = input.path("aspect_ratio").asString("").split(":");
        if (!lines.endsWith("p") || ratio.length != 2) {
            return null;
        }
        try {
            int shortSide = Integer.parseInt(lines.substring(0, lines.length() - 1));
            int w = Integer.parseInt(ratio[0]);
            int h = Integer.parseInt(ratio[1]);
            if (w <= 0 || h <= 0) {
                return null;
            }
            return w >= h ? Math.round((double) shortSide * w / h) + "x" + shortSide : shortSide + "x" + Math.round((double) shortSide * h / w);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
