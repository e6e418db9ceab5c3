package io.conduit.provider.openai;

import io.conduit.contracts.json.JsonStrings;
import io.conduit.provider.openai.internal.ObjectEdit;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import io.conduit.provider.spi.json.JsonMember;
import io.conduit.provider.spi.json.JsonObjectScan;
import io.conduit.provider.spi.json.JsonType;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The provider body of a Responses request: the client's {@code CreateResponse} body as is, except
 * {@code model} (the deployment's provider model) and {@code store}, always {@code false}: the
 * gateway is stateless, so nothing it serves may be stored where a later request through another
 * deployment or key could not find it. Requests that need stored state are refused. Nothing is
 * added for usage: a Responses stream always reports it in its terminal event (the API has no
 * {@code stream_options.include_usage}).
 */
final class ResponsesRequestBody {

    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    private static final String STATELESS = "this gateway serves the Responses API statelessly; send the whole "
            + "conversation in 'input'.";

    private ResponsesRequestBody() {}

    static byte[] of(InboundCall call) {
        JsonObjectScan body = call.body();
        refuseState(body);
        ObjectEdit edit = new ObjectEdit(body).replace("model", JsonStrings.quoteUtf8(call.providerModel()));
        if (edit.has("store")) {
            edit.replace("store", FALSE);
        } else {
            edit.add("store", FALSE);
        }
        return edit.toBytes();
    }

    /** The same refusals, in the same words, as the translation to chat completions. */
    private static void refuseState(JsonObjectScan body) {
        if (present(body, "previous_response_id")) {
            throw refused("previous_response_id", "previous_response_id is not supported: " + STATELESS);
        }
        if (present(body, "conversation")) {
            throw refused("conversation", "Conversations are not supported: " + STATELESS);
        }
        if (body.member("background").filter(m -> m.type() == JsonType.TRUE).isPresent()) {
            throw refused("background", "Background responses are not supported by this gateway.");
        }
    }

    private static boolean present(JsonObjectScan body, String name) {
        Optional<JsonMember> member = body.member(name);
        return member.isPresent() && member.get().type() != JsonType.NULL;
    }

    private static ProviderException refused(String param, String message) {
        return ProviderException.of(Kind.BAD_REQUEST, 400,
                new ProviderError(message, "invalid_request_error", param, "unsupported_parameter"), null);
    }
}
