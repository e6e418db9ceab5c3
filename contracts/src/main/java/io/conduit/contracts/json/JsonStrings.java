package io.conduit.contracts.json;

/** Writing JSON string literals. */
public final class JsonStrings {

    private JsonStrings() {}

    /** The text as a quoted, escaped JSON string literal. */
    public static String quote(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    public static byte[] quoteUtf8(String text) {
        return quote(text).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
