package io.conduit.provider.openai;

import io.conduit.provider.spi.json.JsonObjectScan;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The identifying members of a stream's chunks ({@code id}, {@code created}, {@code model}), as
 * raw JSON values, so a usage chunk the gateway writes looks like the provider's other chunks.
 */
record ChunkIdentity(byte[] id, byte[] created, byte[] model) {

    static final ChunkIdentity UNKNOWN = new ChunkIdentity(ascii("\"\""), ascii("0"), ascii("\"\""));

    /** The identity of this chunk, keeping the previous one's values for members it lacks. */
    static ChunkIdentity of(JsonObjectScan chunk, ChunkIdentity previous) {
        return new ChunkIdentity(
                chunk.member("id").map(chunk::rawValue).orElse(previous.id),
                chunk.member("created").map(chunk::rawValue).orElse(previous.created),
                chunk.member("model").map(chunk::rawValue).orElse(previous.model));
    }

    /** An OpenAI usage chunk: empty choices and the usage object. */
    byte[] usageChunk(byte[] usage) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + usage.length);
        out.writeBytes(ascii("{\"id\":"));
        out.writeBytes(id);
        out.writeBytes(ascii(",\"object\":\"chat.completion.chunk\",\"created\":"));
        out.writeBytes(created);
        out.writeBytes(ascii(",\"model\":"));
        out.writeBytes(model);
        out.writeBytes(ascii(",\"choices\":[],\"usage\":"));
        out.writeBytes(usage);
        out.write('}');
        return out.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
