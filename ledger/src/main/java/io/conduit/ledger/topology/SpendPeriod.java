package io.conduit.ledger.topology;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A calendar period in UTC that spend is totalled over, named by its start: hour {@code 2026-11-23T10},
 * day {@code 2026-11-23}, month {@code 2026-11}. Names sort as the periods do.
 */
public enum SpendPeriod {
    HOUR("hour", DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH"), Duration.ofDays(8)),
    DAY("day", DateTimeFormatter.ofPattern("uuuu-MM-dd"), Duration.ofDays(400)),
    MONTH("month", DateTimeFormatter.ofPattern("uuuu-MM"), Duration.ofDays(5 * 366));

    private final String id;
    private final DateTimeFormatter format;
    private final Duration retention;

    SpendPeriod(String id, DateTimeFormatter format, Duration retention) {
        this.id = id;
        this.format = format.withZone(ZoneOffset.UTC);
        this.retention = retention;
    }

    public String id() {
        return id;
    }

    /** The name of the period holding this instant. */
    public String of(Instant instant) {
        return format.format(instant);
    }

    /** How long totals of this period are kept in the topology's stores. */
    public Duration retention() {
        return retention;
    }

    /** The name of the oldest period still kept at {@code now}. */
    String oldestKept(Instant now) {
        return of(now.minus(retention));
    }
}
