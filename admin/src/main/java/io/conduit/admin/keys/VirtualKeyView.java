package io.conduit.admin.keys;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A virtual key as the admin API shows it. {@code key} is present only in the answer to its
 * creation: afterwards only its hash exists.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VirtualKeyView(
        String id,
        String key,
        String name,
        @JsonProperty("key_hint") String keyHint,
        boolean enabled,
        @JsonProperty("expires_at") @JsonInclude(JsonInclude.Include.ALWAYS) Instant expiresAt,
        @JsonProperty("allowed_models") List<String> allowedModels,
        Map<String, Object> metadata,
        @JsonProperty("key_group_id") @JsonInclude(JsonInclude.Include.ALWAYS) String keyGroupId,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt) {

    VirtualKeyView withKey(String plaintext) {
        return new VirtualKeyView(id, plaintext, name, keyHint, enabled, expiresAt, allowedModels, metadata, keyGroupId,
                createdAt, updatedAt);
    }

    @Override
    public String toString() {
        return "VirtualKeyView[" + id + ", " + name + "]";
    }
}
