package io.conduit.contracts.pricing;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** What a markup applies to. */
public enum MarkupScope {
    /** Calls through one model alias (the name clients send). */
    ALIAS("alias"),
    /** Calls by the keys of one key group (team). */
    KEY_GROUP("key_group");

    private final String wireName;

    MarkupScope(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static Optional<MarkupScope> fromWire(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }
}
