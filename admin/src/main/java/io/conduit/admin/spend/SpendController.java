package io.conduit.admin.spend;

import io.conduit.admin.web.AdminException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spend from PostgreSQL (written by the ledger's sink from {@code conduit.spend.v1}): grouped totals,
 * the same as CSV, raw records, and unpriced usage. Days are UTC; money is integer micro-USD plus an
 * exact decimal USD string.
 */
@RestController
@Tag(name = "Spend", description = "Spend totals, CSV export, raw spend records and unpriced usage")
public class SpendController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final SpendReports reports;
    private final Clock clock;

    @Autowired
    public SpendController(SpendReports reports) {
        this(reports, Clock.systemUTC());
    }

    SpendController(SpendReports reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    @GetMapping("/api/spend")
    @Operation(summary = "Spend totals over a range of UTC days (from..to inclusive, at most 366 days), grouped by "
            + "key, key_group, model, provider, day or month, optionally filtered; with the grand total")
    public Map<String, Object> spend(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(name = "group_by", required = false) String groupBy,
            @RequestParam(name = "key_id", required = false) String keyId,
            @RequestParam(name = "key_group_id", required = false) String keyGroupId,
            @RequestParam(required = false) String model, @RequestParam(required = false) String provider) {
        SpendQuery query = SpendQuery.parse(from, to, groupBy, keyId, keyGroupId, model, provider, clock);
        List<SpendReports.Row> rows = reports.report(query);
        Map<String, Object> body = range(query);
        body.put("group_by", query.groupBy().id());
        body.put("filters", filters(query));
        body.put("currency", "USD");
        body.put("data", rows.stream().map(SpendReports.Row::toMap).toList());
        body.put("total", rows.stream().map(SpendReports.Row::amounts).reduce(SpendAmounts.ZERO, SpendAmounts::plus).toMap());
        return body;
    }

    @GetMapping("/api/spend/export.csv")
    @Operation(summary = "The rows of GET /api/spend as CSV (RFC 4180, header line, exact decimals); same parameters")
    public ResponseEntity<byte[]> export(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(name = "group_by", required = false) String groupBy,
            @RequestParam(name = "key_id", required = false) String keyId,
            @RequestParam(name = "key_group_id", required = false) String keyGroupId,
            @RequestParam(required = false) String model, @RequestParam(required = false) String provider) {
        SpendQuery query = SpendQuery.parse(from, to, groupBy, keyId, keyGroupId, model, provider, clock);
        List<String> columns = new ArrayList<>(query.groupBy().columns());
        columns.addAll(SpendAmounts.COLUMNS);
        String csv = SpendCsv.write(columns, reports.report(query).stream().map(SpendReports.Row::toMap).toList());
        String file = "conduit-spend-" + query.from() + "-" + query.to() + "-by-" + query.groupBy().id() + ".csv";
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                .body(csv.getBytes(StandardCharsets.UTF_8));
    }

    @GetMapping("/api/spend/records")
    @Operation(summary = "Raw spend records of a range of UTC days in time order, optionally filtered; "
            + "limit (1..1000, default 100) and the next_cursor of the previous page")
    public Map<String, Object> records(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(name = "key_id", required = false) String keyId,
            @RequestParam(name = "key_group_id", required = false) String keyGroupId,
            @RequestParam(required = false) String model, @RequestParam(required = false) String provider,
            @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
        SpendQuery query = SpendQuery.parse(from, to, null, keyId, keyGroupId, model, provider, clock);
        SpendReports.Page page = reports.records(query, limit(limit), cursor);
        Map<String, Object> body = range(query);
        body.put("filters", filters(query));
        body.put("data", page.data());
        body.put("next_cursor", page.nextCursor());
        return body;
    }

    @GetMapping("/api/spend/unpriced")
    @Operation(summary = "Usage recorded at zero because its model had no price, by model, over a range of UTC days")
    public Map<String, Object> unpriced(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        SpendQuery query = SpendQuery.parse(from, to, null, null, null, null, null, clock);
        List<Map<String, Object>> rows = reports.unpriced(query);
        Map<String, Object> body = range(query);
        body.put("data", rows);
        body.put("total", Map.of("requests", rows.stream().mapToLong(r -> (Long) r.get("requests")).sum()));
        return body;
    }

    private static Map<String, Object> range(SpendQuery query) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", query.from().toString());
        body.put("to", query.to().toString());
        return body;
    }

    private static Map<String, Object> filters(SpendQuery query) {
        Map<String, Object> filters = new LinkedHashMap<>();
        putIfSet(filters, "key_id", query.keyId());
        putIfSet(filters, "key_group_id", query.keyGroupId());
        putIfSet(filters, "model", query.model());
        putIfSet(filters, "provider", query.provider());
        return filters;
    }

    private static void putIfSet(Map<String, Object> map, String name, String value) {
        if (value != null) {
            map.put(name, value);
        }
    }

    static int limit(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw AdminException.badRequest("limit", "'limit' must be an integer from 1 to " + MAX_LIMIT + ".");
    }
}
