package io.conduit.provider.spi;

import io.conduit.contracts.usage.MediaUsage;
import io.conduit.provider.spi.json.JsonObjectScan;
import io.conduit.provider.spi.json.JsonType;
import java.nio.charset.StandardCharsets;

/**
 * Capability: image generation and editing in OpenAI's shape ({@code POST /images/generations} with
 * a JSON body, {@code POST /images/edits} with a {@code multipart/form-data} one). The adapter builds
 * the provider request and turns its answer into an OpenAI images response ({@code created},
 * {@code data[]} of {@code url} or {@code b64_json}); it does no I/O.
 */
public interface ImageGeneration {

    /**
     * The provider request for a client's {@code CreateImageRequest} ({@code call.body()}), its
     * {@code model} replaced by {@code call.providerModel()}.
     */
    UpstreamRequest generate(ProviderEndpoint endpoint, InboundCall call);

    /** The provider request for a client's image edit form ({@code image}, {@code mask}, {@code prompt}, …). */
    UpstreamRequest edit(ProviderEndpoint endpoint, MultipartForm form, String providerModel);

    /**
     * The client-facing images response and the units of a successful answer.
     *
     * @param requested what the client asked for (fills units the answer does not report)
     * @throws ProviderException when the 2xx body is unreadable or holds no image
     */
    Answer answer(Options requested, byte[] providerBody);

    /**
     * What a client asked for, as far as pricing needs it. Absent values are null (or 1 for {@code n}).
     *
     * @param providerModel the model sent to the provider
     * @param n images asked for
     * @param size e.g. {@code 1024x1024}, {@code auto}
     * @param quality e.g. {@code standard}, {@code hd}, {@code low}, {@code auto}
     * @param responseFormat {@code url} or {@code b64_json}
     */
    record Options(String providerModel, int n, String size, String quality, String responseFormat) {

        /** From a JSON request body. */
        public static Options of(JsonObjectScan body, String providerModel) {
            return new Options(providerModel, intMember(body, "n"), stringMember(body, "size"),
                    stringMember(body, "quality"), stringMember(body, "response_format"));
        }

        /** From a form. */
        public static Options of(MultipartForm form, String providerModel) {
            int n = form.field("n").map(v -> {
                try {
                    return Integer.parseInt(v.trim());
                } catch (NumberFormatException e) {
                    return 1;
                }
            }).orElse(1);
            return new Options(providerModel, n, form.field("size").orElse(null), form.field("quality").orElse(null),
                    form.field("response_format").orElse(null));
        }

        private static String stringMember(JsonObjectScan body, String name) {
            return body.member(name).filter(m -> m.type() == JsonType.STRING).map(body::stringValue).orElse(null);
        }

        private static int intMember(JsonObjectScan body, String name) {
            return body.member(name).filter(m -> m.type() == JsonType.NUMBER).map(m -> {
                try {
                    return Integer.parseInt(new String(body.rawValue(m), StandardCharsets.US_ASCII));
                } catch (NumberFormatException e) {
                    return 1;
                }
            }).orElse(1);
        }
    }

    /**
     * A successful answer.
     *
     * @param body the OpenAI images response for the client
     * @param media images made, their size and quality (as the provider reports them, else as asked,
     *     else the model's default)
     * @param tokens token usage where the provider bills images by tokens ({@code gpt-image-1}), else
     *     {@link TokenUsage#NONE}
     */
    record Answer(byte[] body, MediaUsage media, TokenUsage tokens) {}
}
