package io.conduit.contracts.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Virtual keys ({@code condt_…}): how they are made and hashed. Only the SHA-256 hash is stored;
 * keys carry 240 random bits, so a fast hash is enough and lookups stay off the database.
 */
public final class VirtualKeys {

    public static final String PREFIX = "condt_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private VirtualKeys() {}

    public static String generate() {
        byte[] bytes = new byte[30];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether a presented credential has the shape of a virtual key (before any lookup). */
    public static boolean looksLikeKey(String candidate) {
        return candidate != null && candidate.startsWith(PREFIX) && candidate.length() >= PREFIX.length() + 16
                && candidate.length() <= 200;
    }

    /** Lowercase hex SHA-256 of the key: the stored form, and the lookup key of the key cache. */
    public static String hash(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }

    public static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
