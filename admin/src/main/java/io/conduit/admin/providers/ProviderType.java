package io.conduit.admin.providers;

import java.util.Arrays;
import java.util.Optional;

/** Provider families an operator can configure; each has an adapter of the same id. */
public enum ProviderType {
    OPENAI("openai"),
    OPENAI_COMPATIBLE("openai_compatible");

    private final String id;

    ProviderType(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<ProviderType> fromId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }

    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(ProviderType::id).toList());
    }
}
