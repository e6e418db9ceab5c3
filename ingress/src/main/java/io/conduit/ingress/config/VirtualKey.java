package io.conduit.ingress.config;

import java.time.Instant;
import java.util.List;

/**
 * A virtual key as ingress holds it in memory: its hash, never the key.
 *
 * @param id the key's id (the usage events' {@code key_id})
 * @param name operator-chosen name
 * @param hash SHA-256 of the key
 * @param enabled whether it may be used
 * @param expiresAt when it stops working, null for never
 * @param allowedModels aliases it may use: exact names or {@code prefix*}; empty means all
 * @param keyGroupId the key group (team) it belongs to, null for none
 */
public record VirtualKey(String id, String name, byte[] hash, boolean enabled, Instant expiresAt,
        List<String> allowedModels, String keyGroupId) {

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    public boolean mayUse(String alias) {
        if (allowedModels.isEmpty()) {
            return true;
        }
        for (String allowed : allowedModels) {
            if (allowed.equals("*") || allowed.equals(alias)
                    || (allowed.endsWith("*") && alias.startsWith(allowed.substring(0, allowed.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "VirtualKey[" + id + ", " + name + "]";
    }
}
