package io.conduit.provider.testkit.media;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Deterministic media bodies for fakes: the same seed and size always give the same bytes, so a test
 * can compare what it stored with what the fake served without keeping a copy. Each starts with its
 * format's signature (an MP4 {@code ftyp} box, the PNG signature, an MP3 {@code ID3} tag, a RIFF WAVE
 * header) and continues with pseudo-random bytes; none is playable.
 */
public final class MediaBytes {

    private MediaBytes() {}

    public static byte[] mp4(long seed, int size) {
        byte[] head = {0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0,
                'i', 's', 'o', 'm', 'i', 's', 'o', '2', 'a', 'v', 'c', '1', 'm', 'p', '4', '1'};
        return fill(head, seed, size);
    }

    public static byte[] png(long seed, int size) {
        byte[] head = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        return fill(head, seed, size);
    }

    public static byte[] mp3(long seed, int size) {
        return fill("ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1), seed, size);
    }

    public static byte[] wav(long seed, int size) {
        return fill("RIFF\u0000\u0000\u0000\u0000WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1), seed, size);
    }

    /** Bytes for an OpenAI {@code response_format} or a content type's subtype ({@code mpeg}, {@code wav}, ...). */
    public static byte[] audio(String format, long seed, int size) {
        return switch (format) {
            case "wav", "x-wav" -> wav(seed, size);
            case "mp3", "mpeg" -> mp3(seed, size);
            default -> fill(new byte[0], seed, size);
        };
    }

    private static byte[] fill(byte[] head, long seed, int size) {
        byte[] out = new byte[Math.max(size, head.length)];
        System.arraycopy(head, 0, out, 0, head.length);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = head.length; i < out.length; i += 8) {
            long value = random.nextLong();
            for (int b = 0; b < 8 && i + b < out.length; b++) {
                out[i + b] = (byte) (value >>> (8 * b));
            }
        }
        return out;
    }
}
