package io.conduit.provider.spi;

import java.nio.charset.StandardCharsets;

/**
 * One part of a {@code multipart/form-data} body: a text field ({@code filename} null) or a file.
 *
 * @param name the field name, e.g. {@code file}, {@code model}, {@code timestamp_granularities[]}
 * @param filename the file's name for a file part, null for a text field
 * @param contentType the part's content type, null when not given
 * @param content the part's bytes (a text field's value in UTF-8)
 */
public record FormPart(String name, String filename, String contentType, byte[] content) {

    /** A text field. */
    public static FormPart field(String name, String value) {
        return new FormPart(name, null, null, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A file. */
    public static FormPart file(String name, String filename, String contentType, byte[] content) {
        return new FormPart(name, filename == null ? "file" : filename, contentType, content);
    }

    public boolean isFile() {
        return filename != null;
    }

    /** The value of a text field. */
    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "FormPart[" + name + (isFile() ? ", file " + filename + ", " + content.length + " bytes" : "") + "]";
    }
}
