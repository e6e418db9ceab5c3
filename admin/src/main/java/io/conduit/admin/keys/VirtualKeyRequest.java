package io.conduit.admin.keys;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A virtual key's settings. On update, absent fields stay as they are.
 *
 * @param name a name to recognise the key by
 * @param enabled whether the key works (default true)
 * @param expiresAt when the key stops working (ISO-8601), null for never
 * @param allowedModels aliases the key may use: exact names or {@code prefix*}; empty for all
 * @param metadata free-form labels (owner, team, purpose)
 * @param keyGroup id or name of the key group (team) the key belongs to; {@code ""} takes it out of its group
 */
public record VirtualKeyRequest(
        String name,
        Boolean enabled,
        @JsonProperty("expires_at") Instant expiresAt,
        @JsonProperty("allowed_models") List<String> allowedModels,
        Map<String, Object> metadata,
        @JsonProperty("key_group") String keyGroup) {

    public VirtualKeyRequest(String name, Boolean enabled, Instant expiresAt, List<String> allowedModels,
            Map<String, Object> metadata) {
        this(name, enabled, expiresAt, allowedModels, metadata, null);
    }
}
