package io.conduit.contracts.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;

/**
 * Tells every instance that a configuration entity changed, so it refreshes its caches from the
 * store. Carries no entity content: credentials never travel on a topic.
 *
 * @param entity what changed
 * @param id the entity's id
 * @param operation upsert or delete
 * @param changedAt when the admin committed the change
 */
public record ConfigChange(ConfigEntity entity, String id, Operation operation, Instant changedAt) {

    public enum Operation {
        UPSERT,
        DELETE;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The record key on {@code conduit.config.v1}: the latest change per entity survives compaction. */
    public String key() {
        return entity.wireName() + "/" + id;
    }
}
