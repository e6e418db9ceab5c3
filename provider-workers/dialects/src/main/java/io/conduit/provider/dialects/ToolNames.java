package io.conduit.provider.dialects;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tool names as the chat API accepts them ({@code ^[a-zA-Z0-9_-]{1,64}$}). Client APIs allow
 * longer names (Anthropic: up to 128 characters, which MCP tools often use); such a name gets a
 * stable short name, remembered so the answer can name the client's tool again. The mapping is a
 * pure function of the name, so tool definitions, tool choice and history agree.
 */
final class ToolNames {

    private static final Pattern CHAT_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final int KEEP = 55;

    private final Map<String, String> chatToClient = new LinkedHashMap<>();

    /** The chat name of a client's tool, remembering the way back when it differs. */
    String toChat(String clientName) {
        if (CHAT_NAME.matcher(clientName).matches()) {
            return clientName;
        }
        String safe = clientName.replaceAll("[^a-zA-Z0-9_-]", "_");
        String chatName = (safe.length() > KEEP ? safe.substring(0, KEEP) : safe) + "_" + hash(clientName);
        chatToClient.put(chatName, clientName);
        return chatName;
    }

    /** Chat name → client name, for the names that differ. */
    Map<String, String> chatToClient() {
        return chatToClient;
    }

    private static String hash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
