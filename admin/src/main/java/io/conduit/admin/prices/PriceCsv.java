package io.conduit.admin.prices;

import io.conduit.contracts.json.Json;
import io.conduit.contracts.pricing.ImageRate;
import io.conduit.contracts.pricing.LongContextRates;
import io.conduit.contracts.pricing.MediaRates;
import io.conduit.contracts.pricing.PriceEntry;
import io.conduit.contracts.pricing.TokenRates;
import io.conduit.contracts.pricing.VideoRate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Prices as CSV (RFC 4180, a header row naming the columns): one row per entry, the columns of
 * {@link #COLUMNS}. Media prices with several sizes or resolutions go in one cell each:
 * {@code images} as {@code 1024x1024/hd=0.08;*}{@code /*=0.04} (size/quality=USD per image),
 * {@code video} as {@code 1280x720=0.10;*=0.30} (resolution=USD per second).
 */
final class PriceCsv {

    static final List<String> COLUMNS = List.of("model", "provider", "effective_from", "effective_until", "mode",
            "input_per_mtok", "output_per_mtok", "cache_read_per_mtok", "cache_write_per_mtok",
            "long_context_above_tokens", "long_context_input_per_mtok", "long_context_output_per_mtok",
            "long_context_cache_read_per_mtok", "long_context_cache_write_per_mtok",
            "images", "video", "audio_per_minute", "speech_per_1k_chars", "max_input_tokens", "max_output_tokens", "source");

    /** One data row: the line it starts on, and its JSON form (to be read like a JSON row). */
    record Row(int line, ObjectNode json) {}

    private PriceCsv() {}

    static String write(List<PriceEntry> entries) {
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (PriceEntry e : entries) {
            TokenRates t = e.tokens();
            LongContextRates lc = e.longContext();
            MediaRates m = e.media();
            List<Object> cells = List.of(e.model(), e.provider(), e.effectiveFrom(), opt(e.effectiveUntil()), opt(e.mode()),
                    t == null ? "" : dec(t.inputPerMtok()), t == null ? "" : dec(t.outputPerMtok()),
                    t == null ? "" : dec(t.cacheReadPerMtok()), t == null ? "" : dec(t.cacheWritePerMtok()),
                    lc == null ? "" : lc.aboveTokens(), lc == null ? "" : dec(lc.inputPerMtok()),
                    lc == null ? "" : dec(lc.outputPerMtok()), lc == null ? "" : dec(lc.cacheReadPerMtok()),
                    lc == null ? "" : dec(lc.cacheWritePerMtok()),
                    m.images().stream().map(i -> i.size() + "/" + i.quality() + "=" + i.perImage().toPlainString())
                            .collect(Collectors.joining(";")),
                    m.video().stream().map(v -> v.resolution() + "=" + v.perSecond().toPlainString())
                            .collect(Collectors.joining(";")),
                    dec(m.audioPerMinute()), dec(m.speechPer1kChars()), opt(e.maxInputTokens()), opt(e.maxOutputTokens()),
                    opt(e.source()));
            out.append(cells.stream().map(c -> quote(c.toString())).collect(Collectors.joining(","))).append("\r\n");
        }
        return out.toString();
    }

    /** The data rows of a CSV document; a malformed document or header is an {@link IllegalArgumentException}. */
    static List<Row> read(String csv) {
        List<Record> records = parse(csv);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("the CSV has no header row");
        }
        List<String> header = records.getFirst().cells().stream().map(String::strip).toList();
        Set<String> unknown = new LinkedHashSet<>(header);
        COLUMNS.forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown CSV column(s) " + String.join(", ", unknown) + "; the columns are "
                    + String.join(",", COLUMNS));
        }
        if (!header.contains("model")) {
            throw new IllegalArgumentException("the CSV header has no 'model' column");
        }
        if (new LinkedHashSet<>(header).size() != header.size()) {
            throw new IllegalArgumentException("the CSV header names a column twice");
        }
        List<Row> rows = new ArrayList<>();
        for (Record record : records.subList(1, records.size())) {
            if (record.cells().size() == 1 && record.cells().getFirst().isBlank()) {
                continue;
            }
            rows.add(new Row(record.line(), toJson(header, record)));
        }
        return rows;
    }

    private static ObjectNode toJson(List<String> header, Record record) {
        ObjectNode row = Json.mapper().createObjectNode();
        if (record.cells().size() != header.size()) {
            row.put("_error", "has " + record.cells().size() + " cells, the header " + header.size());
            return row;
        }
        ObjectNode tokens = Json.mapper().createObjectNode();
        ObjectNode longContext = Json.mapper().createObjectNode();
        ObjectNode media = Json.mapper().createObjectNode();
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i);
            String cell = record.cells().get(i).strip();
            if (cell.isEmpty()) {
                continue;
            }
            try {
                switch (column) {
                    case "input_per_mtok", "output_per_mtok", "cache_read_per_mtok", "cache_write_per_mtok" -> tokens.put(column, cell);
                    case "long_context_above_tokens" -> longContext.put("above_tokens", integer(cell, column));
                    case "long_context_input_per_mtok", "long_context_output_per_mtok", "long_context_cache_read_per_mtok",
                            "long_context_cache_write_per_mtok" -> longContext.put(column.substring("long_context_".length()), cell);
                    case "images" -> media.set("images", pairs(cell, column, "1024x1024/hd=0.08;*/*=0.04", pair -> {
                        String[] sizeQuality = pair[0].split("/", -1);
                        if (sizeQuality.length != 2) {
                            throw new IllegalArgumentException();
                        }
                        return Json.mapper().valueToTree(new ImageRate(sizeQuality[0], sizeQuality[1], decimal(pair[1])));
                    }));
                    case "video" -> media.set("video", pairs(cell, column, "1280x720=0.10;*=0.30",
                            pair -> Json.mapper().valueToTree(new VideoRate(pair[0], decimal(pair[1])))));
                    case "audio_per_minute", "speech_per_1k_chars" -> media.put(column, cell);
                    case "max_input_tokens", "max_output_tokens" -> row.put(column, integer(cell, column));
                    default -> row.put(column, cell);
                }
            } catch (IllegalArgumentException e) {
                row.put("_error", e.getMessage());
                return row;
            }
        }
        if (!tokens.isEmpty()) {
            row.set("tokens", tokens);
        }
        if (!longContext.isEmpty()) {
            row.set("long_context", longContext);
        }
        if (!media.isEmpty()) {
            row.set("media", media);
        }
        return row;
    }

    private static ArrayNode pairs(String cell, String column, String example, Function<String[], tools.jackson.databind.JsonNode> item) {
        ArrayNode array = Json.mapper().createArrayNode();
        for (String part : cell.split(";")) {
            String[] pair = part.strip().split("=", -1);
            try {
                if (pair.length != 2) {
                    throw new IllegalArgumentException();
                }
                array.add(item.apply(new String[] {pair[0].strip(), pair[1].strip()}));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + column + "' must look like " + example
                        + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
            }
        }
        return array;
    }

    private static BigDecimal decimal(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a decimal number");
        }
    }

    private static long integer(String text, String column) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + column + "' must be a whole number");
        }
    }

    private static String dec(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    private static Object opt(Object value) {
        return value == null ? "" : value;
    }

    private static String quote(String cell) {
        boolean needs = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0;
        return needs ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }

    private record Record(int line, List<String> cells) {}

    /** RFC 4180: comma-separated, double-quoted cells may hold commas, quotes ("") and line breaks. */
    private static List<Record> parse(String csv) {
        List<Record> records = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int line = 1;
        int recordLine = 1;
        String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    if (!cell.isEmpty()) {
                        throw new IllegalArgumentException("line " + line + ": a quote inside an unquoted cell");
                    }
                    quoted = true;
                    any = true;
                }
                case ',' -> {
                    cells.add(cell.toString());
                    cell.setLength(0);
                    any = true;
                }
                case '\r' -> { }
                case '\n' -> {
                    cells.add(cell.toString());
                    records.add(new Record(recordLine, List.copyOf(cells)));
                    cells.clear();
                    cell.setLength(0);
                    any = false;
                    line++;
                    recordLine = line;
                }
                default -> {
                    cell.append(c);
                    any = true;
                }
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("line " + recordLine + ": a quoted cell is not closed");
        }
        if (any || !cell.isEmpty()) {
            cells.add(cell.toString());
            records.add(new Record(recordLine, List.copyOf(cells)));
        }
        return records;
    }
}
