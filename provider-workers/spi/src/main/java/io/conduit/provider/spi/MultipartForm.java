package io.conduit.provider.spi;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A {@code multipart/form-data} form as ingress parsed it from a client (audio uploads, image edits),
 * for an adapter to edit and {@linkplain #encode() encode} for its provider. Immutable; parts keep
 * their order, and repeated names (such as {@code timestamp_granularities[]}) are kept.
 */
public record MultipartForm(List<FormPart> parts) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public MultipartForm {
        parts = List.copyOf(parts);
    }

    /** The value of the first text field of that name. */
    public Optional<String> field(String name) {
        return parts.stream().filter(p -> p.name().equals(name) && !p.isFile()).map(FormPart::text).findFirst();
    }

    /** The first file part of that name. */
    public Optional<FormPart> file(String name) {
        return parts.stream().filter(p -> p.name().equals(name) && p.isFile()).findFirst();
    }

    /** This form with every part of that name replaced by one text field, in the first one's place (or at the end). */
    public MultipartForm withField(String name, String value) {
        List<FormPart> result = new ArrayList<>(parts.size() + 1);
        boolean placed = false;
        for (FormPart part : parts) {
            if (!part.name().equals(name)) {
                result.add(part);
            } else if (!placed) {
                result.add(FormPart.field(name, value));
                placed = true;
            }
        }
        if (!placed) {
            result.add(FormPart.field(name, value));
        }
        return new MultipartForm(result);
    }

    /** This form without the parts of that name. */
    public MultipartForm without(String name) {
        return new MultipartForm(parts.stream().filter(p -> !p.name().equals(name)).toList());
    }

    /** Encodes the form with a fresh random boundary. */
    public Encoded encode() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return encode("conduit-" + HexFormat.of().formatHex(random));
    }

    /** Encodes the form with that boundary (which must not occur in any part). */
    public Encoded encode(String boundary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(
                parts.stream().mapToInt(p -> p.content().length + 128).sum() + 64);
        for (FormPart part : parts) {
            ascii(out, "--" + boundary + "\r\n");
            StringBuilder disposition = new StringBuilder("Content-Disposition: form-data; name=\"")
                    .append(quoted(part.name())).append('"');
            if (part.isFile()) {
                disposition.append("; filename=\"").append(quoted(part.filename())).append('"');
            }
            out.writeBytes(disposition.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            if (part.contentType() != null) {
                ascii(out, "Content-Type: " + part.contentType() + "\r\n");
            } else if (part.isFile()) {
                ascii(out, "Content-Type: application/octet-stream\r\n");
            }
            ascii(out, "\r\n");
            out.writeBytes(part.content());
            ascii(out, "\r\n");
        }
        ascii(out, "--" + boundary + "--\r\n");
        return new Encoded("multipart/form-data; boundary=" + boundary, out.toByteArray());
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * An encoded form: the body and the {@code content-type} header value that names its boundary.
     *
     * @param contentType {@code multipart/form-data; boundary=…}
     * @param body the whole encoded body
     */
    public record Encoded(String contentType, byte[] body) {}
}
