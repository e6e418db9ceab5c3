package io.conduit.ingress.proxy;

import io.conduit.ingress.http.GatewayException;
import io.conduit.provider.dialects.ChatRequest;
import io.conduit.provider.dialects.ClientDialect;
import io.conduit.provider.dialects.DialectException;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.json.JsonObjectScan;
import java.util.List;

/**
 * A validated client request in the forms the capabilities of its plan take: as the client sent
 * it, and, for client APIs served through a dialect, translated to chat completions. Each attempt
 * takes the form of its target's capability, so one plan may mix deployments that pass the
 * client's API through with ones that translate it. A request the dialect cannot translate (a
 * Responses request with built-in tools, say) can still be served as sent; only the attempts that
 * need the translation are refused, with the dialect's 400.
 */
final class ClientRequest {

    /** The request for one form: the call for the adapter, and the shape answers go back to the client in. */
    record Prepared(InboundCall inbound, ClientShape shape) {}

    private final String alias;
    private final Prepared asSent;
    private final Prepared chat;
    private final GatewayException untranslatable;
    private final ClientShape errors;

    private ClientRequest(String alias, Prepared asSent, Prepared chat, GatewayException untranslatable,
            ClientShape errors) {
        this.alias = alias;
        this.asSent = asSent;
        this.chat = chat;
        this.untranslatable = untranslatable;
        this.errors = errors;
    }

    /**
     * Validates (and, for a dialect's API, translates) a client body.
     *
     * @throws GatewayException 400 when the body is invalid, or cannot be translated for an API
     *     that is only served translated
     */
    static ClientRequest of(Operation operation, byte[] body) {
        ClientDialect dialect = operation.dialect();
        ValidatedRequest sent = operation.validator() == null ? null : operation.validator().apply(body);
        Prepared asSent = sent == null ? null : new Prepared(inbound(sent), ClientShape.asSent(dialect));
        if (dialect == null) {
            return new ClientRequest(sent.alias(), asSent, null, null, asSent.shape());
        }
        ChatRequest translated;
        try {
            translated = dialect.toChatRequest(body);
        } catch (DialectException e) {
            GatewayException refused = GatewayException.badRequest("invalid_request", e.param(), e.getMessage());
            if (asSent == null) {
                throw refused;
            }
            return new ClientRequest(sent.alias(), asSent, null, refused, ClientShape.asSent(dialect));
        }
        ValidatedRequest chatRequest = RequestValidator.chatCompletion(translated.chatBody());
        Prepared chat = new Prepared(inbound(chatRequest), ClientShape.of(dialect, translated));
        return new ClientRequest(sent != null ? sent.alias() : chatRequest.alias(), asSent, chat, null,
                ClientShape.asSent(dialect));
    }

    private static InboundCall inbound(ValidatedRequest request) {
        return new InboundCall(request.body(), null, request.stream(), request.clientWantsUsage());
    }

    /** The model the client asked for. */
    String alias() {
        return alias;
    }

    /**
     * The request in the form a capability takes.
     *
     * @throws GatewayException the dialect's 400 when the capability needs a translation the request does not allow
     */
    Prepared prepared(Operation.RequestForm form) {
        Prepared prepared = form == Operation.RequestForm.AS_SENT ? asSent : chat;
        if (prepared == null) {
            throw untranslatable != null ? untranslatable
                    : new IllegalStateException("no " + form + " form of this request");
        }
        return prepared;
    }

    /** Whether some target of a plan could take the request: false only when it cannot be translated and all need that. */
    boolean servable(List<Target> plan) {
        return untranslatable == null || plan.stream().anyMatch(t -> t.calls().form() == Operation.RequestForm.AS_SENT);
    }

    /** The dialect's refusal to translate, or null. */
    GatewayException untranslatable() {
        return untranslatable;
    }

    /** The body the worst-case cost is estimated from: the chat form when there is one (it names its messages and output limit). */
    JsonObjectScan budgetBody() {
        return (chat != null ? chat : asSent).inbound().body();
    }

    /** How errors reach the client before any answer began. */
    ClientShape errors() {
        return errors;
    }
}
