package io.conduit.admin.spend;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What {@code GET /api/spend} groups by ({@code group_by}), the {@code spend_daily} expression behind it
 * and the columns a row of it starts with.
 */
public enum SpendGrouping {
    KEY("key", "s.key_id", List.of("key_id", "key_name")),
    KEY_GROUP("key_group", "s.key_group_id", List.of("key_group_id")),
    MODEL("model", "s.provider_model", List.of("model")),
    PROVIDER("provider", "s.provider", List.of("provider")),
    DAY("day", "to_char(s.day, 'YYYY-MM-DD')", List.of("day")),
    MONTH("month", "to_char(s.day, 'YYYY-MM')", List.of("month"));

    private final String id;
    private final String expression;
    private final List<String> columns;

    SpendGrouping(String id, String expression, List<String> columns) {
        this.id = id;
        this.expression = expression;
        this.columns = columns;
    }

    public String id() {
        return id;
    }

    String expression() {
        return expression;
    }

    /** The columns naming a row's group, first of each row. */
    public List<String> columns() {
        return columns;
    }

    /** Periods come in time order; everything else by spend, largest first. */
    boolean chronological() {
        return this == DAY || this == MONTH;
    }

    public static Optional<SpendGrouping> of(String id) {
        return Arrays.stream(values()).filter(g -> g.id.equals(id)).findFirst();
    }

    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(SpendGrouping::id).toList());
    }
}
