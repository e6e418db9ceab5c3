package io.conduit.contracts.budget;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * What a key or a key group has spent, by calendar period, as the ledger has priced it: the
 * value of {@code conduit.budget-state.v1} (compacted, key {@link #key(String, String)}). Periods
 * are calendar-aligned in {@link #timeZone()}: a period's amount counts only while that period
 * is current ({@link #spentIn(String, Instant)}).
 *
 * @param scope {@code key} or {@code key_group}
 * @param scopeId id of the key or group
 * @param timeZone the zone periods are aligned in, e.g. {@code UTC} or {@code Europe/Paris}
 * @param day the day {@code dayMicros} is for
 * @param dayMicros spent on {@code day}
 * @param weekStart the Monday of the week {@code weekMicros} is for
 * @param weekMicros spent in that week
 * @param monthStart the first day of the month {@code monthMicros} is for
 * @param monthMicros spent in that month
 * @param totalMicros spent ever
 * @param records spend records counted
 * @param updatedAt event time of the last spend counted
 */
public record BudgetState(
        String scope,
        @JsonProperty("scope_id") String scopeId,
        @JsonProperty("time_zone") String timeZone,
        LocalDate day,
        @JsonProperty("day_micros") long dayMicros,
        @JsonProperty("week_start") LocalDate weekStart,
        @JsonProperty("week_micros") long weekMicros,
        @JsonProperty("month_start") LocalDate monthStart,
        @JsonProperty("month_micros") long monthMicros,
        @JsonProperty("total_micros") long totalMicros,
        long records,
        @JsonProperty("updated_at") Instant updatedAt) {

    public static final String KEY = "key";
    public static final String KEY_GROUP = "key_group";

    /** The topic key of a scope's state, e.g. {@code key:3f2a…}. */
    public static String key(String scope, String scopeId) {
        return scope + ":" + scopeId;
    }

    /** Nothing spent yet. */
    public static BudgetState empty(String scope, String scopeId, ZoneId zone) {
        return new BudgetState(scope, scopeId, zone.getId(), null, 0, null, 0, null, 0, 0, 0, null);
    }

    /** This state with one more spend, made at {@code at}. */
    public BudgetState plus(long micros, Instant at) {
        ZoneId zone = ZoneId.of(timeZone);
        LocalDate spentOn = LocalDate.ofInstant(at, zone);
        LocalDate week = weekOf(spentOn);
        LocalDate month = spentOn.withDayOfMonth(1);
        long newDay = dayMicros;
        LocalDate newDayDate = day;
        if (day == null || spentOn.isAfter(day)) {
            newDayDate = spentOn;
            newDay = micros;
        } else if (spentOn.equals(day)) {
            newDay += micros;
        }
        long newWeek = weekMicros;
        LocalDate newWeekStart = weekStart;
        if (weekStart == null || week.isAfter(weekStart)) {
            newWeekStart = week;
            newWeek = micros;
        } else if (week.equals(weekStart)) {
            newWeek += micros;
        }
        long newMonth = monthMicros;
        LocalDate newMonthStart = monthStart;
        if (monthStart == null || month.isAfter(monthStart)) {
            newMonthStart = month;
            newMonth = micros;
        } else if (month.equals(monthStart)) {
            newMonth += micros;
        }
        Instant latest = updatedAt == null || at.isAfter(updatedAt) ? at : updatedAt;
        return new BudgetState(scope, scopeId, timeZone, newDayDate, newDay, newWeekStart, newWeek, newMonthStart,
                newMonth, totalMicros + micros, records + 1, latest);
    }

    /**
     * Spent in the budget period ({@code daily}, {@code weekly}, {@code monthly}, {@code total})
     * that contains {@code now}; 0 for a period the state has not reached yet.
     */
    public long spentIn(String period, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneId.of(timeZone));
        return switch (period) {
            case "daily" -> today.equals(day) ? dayMicros : 0;
            case "weekly" -> weekOf(today).equals(weekStart) ? weekMicros : 0;
            case "monthly" -> today.withDayOfMonth(1).equals(monthStart) ? monthMicros : 0;
            case "total" -> totalMicros;
            default -> throw new IllegalArgumentException("unknown budget period " + period);
        };
    }

    /** The first day of the period containing {@code now}, in the state's zone. */
    public static LocalDate periodStart(String period, Instant now, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        return switch (period) {
            case "daily" -> today;
            case "weekly" -> weekOf(today);
            case "monthly" -> today.withDayOfMonth(1);
            case "total" -> LocalDate.EPOCH;
            default -> throw new IllegalArgumentException("unknown budget period " + period);
        };
    }

    private static LocalDate weekOf(LocalDate date) {
        return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
}
