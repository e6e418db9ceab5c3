package io.conduit.provider.spi.json;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A validating recursive-descent walk over JSON bytes (RFC 8259 grammar), building nothing. */
final class JsonCursor {

    private final byte[] b;
    private final int end;
    private final int maxDepth;
    private int i;

    JsonCursor(byte[] bytes, int from, int to, int maxDepth) {
        this.b = bytes;
        this.i = from;
        this.end = to;
        this.maxDepth = maxDepth;
    }

    boolean atEnd() {
        return i >= end;
    }

    boolean peekIs(char c) {
        return i < end && b[i] == c;
    }

    void skipWhitespace() {
        while (i < end && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
            i++;
        }
    }

    /** Reads the object at the cursor, recording its members; returns the index of its closing brace. */
    int readObjectMembers(List<JsonMember> members) throws MalformedJsonException {
        i++; // '{'
        skipWhitespace();
        if (peekIs('}')) {
            return i++;
        }
        while (true) {
            skipWhitespace();
            if (!peekIs('"')) {
                throw error("expected a member name in double quotes");
            }
            int nameStart = i;
            skipString();
            String name = unescape(b, nameStart, i);
            skipWhitespace();
            expect(':');
            skipWhitespace();
            int valueStart = i;
            JsonType type = skipValue(1);
            members.add(new JsonMember(name, valueStart, i, type));
            skipWhitespace();
            if (peekIs(',')) {
                i++;
            } else if (peekIs('}')) {
                return i++;
            } else {
                throw error("expected ',' or '}' after a member");
            }
        }
    }

    private JsonType skipValue(int depth) throws MalformedJsonException {
        if (depth > maxDepth) {
            throw error("nested too deeply");
        }
        if (i >= end) {
            throw error("unexpected end of input");
        }
        switch (b[i]) {
            case '"' -> {
                skipString();
                return JsonType.STRING;
            }
            case '{' -> {
                skipContainer('}', depth, true);
                return JsonType.OBJECT;
            }
            case '[' -> {
                skipContainer(']', depth, false);
                return JsonType.ARRAY;
            }
            case 't' -> {
                literal("true");
                return JsonType.TRUE;
            }
            case 'f' -> {
                literal("false");
                return JsonType.FALSE;
            }
            case 'n' -> {
                literal("null");
                return JsonType.NULL;
            }
            default -> {
                skipNumber();
                return JsonType.NUMBER;
            }
        }
    }

    private void skipContainer(char close, int depth, boolean object) throws MalformedJsonException {
        i++;
        skipWhitespace();
        if (peekIs(close)) {
            i++;
            return;
        }
        while (true) {
            skipWhitespace();
            if (object) {
                if (!peekIs('"')) {
                    throw error("expected a member name in double quotes");
                }
                skipString();
                skipWhitespace();
                expect(':');
                skipWhitespace();
            }
            skipValue(depth + 1);
            skipWhitespace();
            if (peekIs(',')) {
                i++;
            } else if (peekIs(close)) {
                i++;
                return;
            } else {
                throw error("expected ',' or '" + close + "'");
            }
        }
    }

    private void skipString() throws MalformedJsonException {
        i++; // opening quote
        while (i < end) {
            byte c = b[i];
            if (c == '"') {
                i++;
                return;
            }
            if (c == '\\') {
                i++;
                if (i >= end) {
                    break;
                }
                switch (b[i]) {
                    case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> i++;
                    case 'u' -> {
                        for (int k = 1; k <= 4; k++) {
                            if (i + k >= end || Character.digit(b[i + k], 16) < 0) {
                                throw error("invalid \\u escape in a string");
                            }
                        }
                        i += 5;
                    }
                    default -> throw error("invalid escape in a string");
                }
            } else if ((c & 0xff) < 0x20) {
                throw error("unescaped control character in a string");
            } else {
                i++;
            }
        }
        throw error("unterminated string");
    }

    private void skipNumber() throws MalformedJsonException {
        int start = i;
        if (peekIs('-')) {
            i++;
        }
        if (peekIs('0')) {
            i++;
        } else if (digits() == 0) {
            i = start;
            throw error("unexpected character");
        }
        if (peekIs('.')) {
            i++;
            if (digits() == 0) {
                throw error("invalid number");
            }
        }
        if (peekIs('e') || peekIs('E')) {
            i++;
            if (peekIs('+') || peekIs('-')) {
                i++;
            }
            if (digits() == 0) {
                throw error("invalid number");
            }
        }
    }

    private int digits() {
        int start = i;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i - start;
    }

    private void literal(String word) throws MalformedJsonException {
        for (int k = 0; k < word.length(); k++) {
            if (i + k >= end || b[i + k] != word.charAt(k)) {
                throw error("unexpected character");
            }
        }
        i += word.length();
    }

    private void expect(char c) throws MalformedJsonException {
        if (!peekIs(c)) {
            throw error("expected '" + c + "'");
        }
        i++;
    }

    MalformedJsonException error(String what) {
        return new MalformedJsonException(
                "We could not parse the JSON body of your request: " + what + " at byte " + i + ".");
    }

    /** Unescapes the string literal at {@code [start, end)} (quotes included). */
    static String unescape(byte[] b, int start, int end) {
        int from = start + 1;
        int to = end - 1;
        boolean plain = true;
        for (int k = from; k < to; k++) {
            if (b[k] == '\\') {
                plain = false;
                break;
            }
        }
        if (plain) {
            return new String(b, from, to - from, StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        StringBuilder text = new StringBuilder(to - from);
        for (int k = from; k < to; k++) {
            if (b[k] != '\\') {
                out.write(b[k]);
                continue;
            }
            text.append(out.toString(StandardCharsets.UTF_8));
            out.reset();
            char e = (char) b[++k];
            switch (e) {
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case 'u' -> {
                    text.append((char) Integer.parseInt(new String(b, k + 1, 4, StandardCharsets.US_ASCII), 16));
                    k += 4;
                }
                default -> text.append(e);
            }
        }
        return text.append(out.toString(StandardCharsets.UTF_8)).toString();
    }
}
