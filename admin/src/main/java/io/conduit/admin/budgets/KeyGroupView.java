package io.conduit.admin.budgets;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/** A key group as the admin API shows it. */
public record KeyGroupView(String id, String name, Map<String, Object> metadata,
        @JsonProperty("created_at") Instant createdAt, @JsonProperty("updated_at") Instant updatedAt) {}
