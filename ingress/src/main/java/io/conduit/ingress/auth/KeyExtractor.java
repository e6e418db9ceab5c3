package io.conduit.ingress.auth;

import io.netty.handler.codec.http.HttpHeaders;

/** Finds the presented key: {@code Authorization: Bearer}, {@code api-key} or {@code x-api-key}. */
public final class KeyExtractor {

    private KeyExtractor() {}

    /** The presented key, or null when the request carries none. */
    public static String presentedKey(HttpHeaders headers) {
        String authorization = headers.get("authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String key = authorization.substring(7).strip();
            return key.isEmpty() ? null : key;
        }
        String key = headers.get("api-key");
        if (key == null) {
            key = headers.get("x-api-key");
        }
        return key == null || key.isBlank() ? null : key.strip();
    }
}
