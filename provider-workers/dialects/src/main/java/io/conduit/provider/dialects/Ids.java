package io.conduit.provider.dialects;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random ids in the shapes the client APIs use. */
final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private Ids() {}

    /** An Anthropic-style id: {@code prefix} + {@code 01} + 22 base-62 characters. */
    static String anthropic(String prefix) {
        StringBuilder id = new StringBuilder(prefix).append("01");
        for (int i = 0; i < 22; i++) {
            id.append(BASE62[RANDOM.nextInt(BASE62.length)]);
        }
        return id.toString();
    }

    /** An OpenAI-style id: {@code prefix} + 48 hex digits. */
    static String openAi(String prefix) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }
}
