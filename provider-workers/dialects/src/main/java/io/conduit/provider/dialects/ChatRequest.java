package io.conduit.provider.dialects;

import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client request translated to OpenAI chat completions, with what translating the answer back
 * needs.
 *
 * @param chatBody the chat-completions request body (JSON); its {@code model} is the client's
 * @param clientModel the model the client asked for, repeated in the client's response
 * @param stream whether the client asked for a stream
 * @param responseId the id the client's response will carry ({@code msg_…} or {@code resp_…}),
 *     fixed up front so logs can name it and plain and streamed answers agree
 * @param createdAt when the request was translated, epoch seconds
 * @param toolNames chat tool name → the client's tool name, for names the chat API does not
 *     accept as they are (empty when every name passed unchanged)
 * @param echo request fields the client's response repeats (the Responses API echoes its
 *     parameters); empty for dialects that echo nothing. Not to be modified.
 */
public record ChatRequest(byte[] chatBody, String clientModel, boolean stream, String responseId, long createdAt,
        Map<String, String> toolNames, ObjectNode echo) {

    public ChatRequest {
        toolNames = Map.copyOf(toolNames);
    }

    /** The client's name for a tool the chat answer names. */
    public String clientToolName(String chatName) {
        return toolNames.getOrDefault(chatName, chatName);
    }

    @Override
    public String toString() {
        return "ChatRequest[clientModel=" + clientModel + ", stream=" + stream + ", responseId=" + responseId
                + ", chatBody=" + chatBody.length + " bytes]";
    }
}
