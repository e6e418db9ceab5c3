package io.conduit.contracts.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Kinds of configuration entity that admin manages. */
public enum ConfigEntity {
    PROVIDER,
    MODEL_MAPPING,
    ROUTE,
    VIRTUAL_KEY,
    KEY_GROUP,
    BUDGET,
    BALANCE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
