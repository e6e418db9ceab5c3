package io.conduit.provider.dialects;

/**
 * A client API the gateway serves on top of its OpenAI chat-completions core: translates the
 * client's request into a chat-completions request, and the chat answer (plain or streamed) back
 * into the client's shape. Pure functions over bytes; no I/O, no state beyond one stream.
 */
public interface ClientDialect {

    /**
     * The client's request body as an OpenAI chat-completions request body. Always asks for usage
     * ({@code stream_options.include_usage=true}) when streaming.
     *
     * @throws DialectException when the client's request is invalid or asks for something the
     *     gateway cannot do (answer it with HTTP 400 and {@link #errorBody})
     */
    ChatRequest toChatRequest(byte[] clientBody);

    /** A successful {@code chat.completion} body as the client's response body. */
    byte[] fromChatResponse(byte[] chatCompletion, ChatRequest request);

    /**
     * A translator for one streamed answer: takes the OpenAI chat stream's events
     * ({@code data: {chunk}}, {@code data: [DONE]}, {@code data: {"error":{...}}}) and returns the
     * client's server-sent events.
     */
    DialectStream openStream(ChatRequest request);

    /**
     * An error in the client's shape, from the fields of the OpenAI error envelope. The HTTP status
     * stays as given; both dialects answer errors as {@code application/json}.
     */
    byte[] errorBody(int status, String type, String code, String param, String message);
}
