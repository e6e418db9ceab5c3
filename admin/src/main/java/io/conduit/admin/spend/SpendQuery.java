package io.conduit.admin.spend;

import io.conduit.admin.web.AdminException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;

/**
 * The validated parameters of a spend query: an inclusive range of UTC days, a grouping and optional
 * filters. {@code to} defaults to today (UTC) and {@code from} to 29 days before {@code to}; a range
 * spans at most {@value #MAX_DAYS} days.
 *
 * @param from first day (UTC), inclusive
 * @param to last day (UTC), inclusive
 * @param groupBy grouping of {@code GET /api/spend} and its CSV export
 * @param keyId only this virtual key, or null
 * @param keyGroupId only this key group, or null
 * @param model only this (provider) model, or null
 * @param provider only this provider, or null
 */
public record SpendQuery(LocalDate from, LocalDate to, SpendGrouping groupBy, String keyId, String keyGroupId,
        String model, String provider) {

    public static final int MAX_DAYS = 366;
    static final int DEFAULT_DAYS = 30;
    private static final int MAX_FILTER_LENGTH = 200;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    public static SpendQuery parse(String from, String to, String groupBy, String keyId, String keyGroupId, String model,
            String provider, Clock clock) {
        LocalDate last = to == null || to.isBlank() ? LocalDate.now(clock.withZone(ZoneOffset.UTC)) : date("to", to);
        LocalDate first = from == null || from.isBlank() ? last.minusDays(DEFAULT_DAYS - 1) : date("from", from);
        if (first.isAfter(last)) {
            throw AdminException.badRequest("from", "'from' (" + first + ") is after 'to' (" + last + ").");
        }
        long days = ChronoUnit.DAYS.between(first, last) + 1;
        if (days > MAX_DAYS) {
            throw AdminException.badRequest("to", "The range from " + first + " to " + last + " spans " + days
                    + " days; at most " + MAX_DAYS + " are allowed.");
        }
        SpendGrouping grouping = groupBy == null || groupBy.isBlank() ? SpendGrouping.DAY
                : SpendGrouping.of(groupBy.strip()).orElseThrow(() -> AdminException.badRequest("group_by",
                        "'group_by' must be one of " + SpendGrouping.ids() + "."));
        return new SpendQuery(first, last, grouping, filter("key_id", keyId), filter("key_group_id", keyGroupId),
                filter("model", model), filter("provider", provider));
    }

    private static LocalDate date(String param, String text) {
        try {
            return LocalDate.parse(text.strip(), DATE);
        } catch (DateTimeParseException e) {
            throw AdminException.badRequest(param, "'" + param + "' must be a date as YYYY-MM-DD.");
        }
    }

    private static String filter(String param, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_FILTER_LENGTH) {
            throw AdminException.badRequest(param, "'" + param + "' is longer than " + MAX_FILTER_LENGTH + " characters.");
        }
        return value.strip();
    }
}
