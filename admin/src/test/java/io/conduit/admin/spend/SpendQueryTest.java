package io.conduit.admin.spend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.admin.web.AdminException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SpendQueryTest {

    // 23:30 in UTC is already the 24th east of Greenwich: "today" is the UTC day
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T23:30:00Z"), ZoneOffset.ofHours(5));

    static SpendQuery parse(String from, String to, String groupBy) {
        return SpendQuery.parse(from, to, groupBy, null, null, null, null, CLOCK);
    }

    @Test
    void defaults_to_the_last_thirty_utc_days_by_day() {
        SpendQuery query = parse(null, null, null);
        assertThat(query.to()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(query.from()).isEqualTo(LocalDate.of(2026, 10, 25));
        assertThat(query.groupBy()).isEqualTo(SpendGrouping.DAY);
    }

    @Test
    void accepts_a_range_of_exactly_366_days_and_every_grouping() {
        SpendQuery query = parse("2024-01-01", "2024-12-31", "key_group");
        assertThat(query.groupBy()).isEqualTo(SpendGrouping.KEY_GROUP);
        for (SpendGrouping grouping : SpendGrouping.values()) {
            assertThat(parse("2026-11-01", "2026-11-01", grouping.id()).groupBy()).isEqualTo(grouping);
        }
    }

    @Test
    void keeps_filters_and_ignores_blank_ones() {
        SpendQuery query = SpendQuery.parse("2026-11-01", "2026-11-02", "model", " key-1 ", "", "gpt-4o", null, CLOCK);
        assertThat(query.keyId()).isEqualTo("key-1");
        assertThat(query.keyGroupId()).isNull();
        assertThat(query.model()).isEqualTo("gpt-4o");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "2026-13-01;2026-11-02;day;from",
            "2026-02-30;2026-03-02;day;from",
            "2026-1-1;2026-11-02;day;from",
            "yesterday;2026-11-02;day;from",
            "2026-11-01;2026-11-02T00:00;day;to",
            "2026-11-03;2026-11-02;day;from",
            "2024-01-01;2025-01-01;day;to",
            "2026-11-01;2026-11-02;week;group_by",
            "2026-11-01;2026-11-02;KEY;group_by"})
    void rejects_bad_parameters_with_the_offending_one(String from, String to, String groupBy, String param) {
        assertThatThrownBy(() -> parse(from, to, groupBy)).isInstanceOfSatisfying(AdminException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.param()).isEqualTo(param);
        });
    }

    @Test
    void rejects_overlong_filters() {
        assertThatThrownBy(() -> SpendQuery.parse(null, null, null, "k".repeat(201), null, null, null, CLOCK))
                .isInstanceOfSatisfying(AdminException.class, e -> assertThat(e.param()).isEqualTo("key_id"));
    }

    @Test
    void limits_pages_to_a_thousand_records() {
        assertThat(SpendController.limit(null)).isEqualTo(100);
        assertThat(SpendController.limit("1000")).isEqualTo(1000);
        for (String bad : new String[] {"0", "1001", "-5", "ten", "1.5"}) {
            assertThatThrownBy(() -> SpendController.limit(bad)).isInstanceOfSatisfying(AdminException.class,
                    e -> assertThat(e.param()).isEqualTo("limit"));
        }
    }

    @Test
    void a_cursor_round_trips_and_a_forged_one_is_a_bad_request() {
        SpendReports.Cursor cursor = new SpendReports.Cursor(Instant.parse("2026-11-23T10:00:00.123456Z"), "id|with|bars");
        assertThat(SpendReports.Cursor.decode(cursor.encode())).isEqualTo(cursor);
        for (String bad : new String[] {"not base64!", "Zm9v", "bm90LWEtdGltZXxpZA"}) {
            assertThatThrownBy(() -> SpendReports.Cursor.decode(bad)).isInstanceOfSatisfying(AdminException.class,
                    e -> assertThat(e.param()).isEqualTo("cursor"));
        }
    }
}
