package io.conduit.server.settings;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The roles one Conduit process can play ({@code CONDUIT_ROLES}). */
public enum Role {
    INGRESS("ingress", true),
    ADMIN("admin", true),
    WEBUI("webui", false),
    WORKERS("workers", true),
    LEDGER("ledger", true),
    MEDIA_JOBS("media-jobs", true);

    private final String id;
    private final boolean built;

    Role(String id, boolean built) {
        this.id = id;
        this.built = built;
    }

    public String id() {
        return id;
    }

    /** Whether this build has anything to run for the role yet. */
    public boolean built() {
        return built;
    }

    /** Parses {@code all} or a comma-separated list of role ids. */
    public static Set<Role> parse(String value) {
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("all")) {
            return EnumSet.allOf(Role.class);
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String part : value.split(",")) {
            String id = part.strip().toLowerCase(Locale.ROOT);
            if (id.isEmpty()) {
                continue;
            }
            roles.add(Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("CONDUIT_ROLES: unknown role '" + id + "'; roles are all, "
                            + Arrays.stream(values()).map(Role::id).collect(Collectors.joining(", ")))));
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("CONDUIT_ROLES names no role");
        }
        return roles;
    }
}
