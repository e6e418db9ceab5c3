package io.conduit.admin.spend;

import java.util.List;
import java.util.Map;

/** CSV as RFC 4180 writes it: a header line, CRLF line ends, fields quoted when they hold a comma, quote or line break. */
public final class SpendCsv {

    private static final String CRLF = "\r\n";

    private SpendCsv() {}

    public static String write(List<String> columns, List<Map<String, Object>> rows) {
        StringBuilder csv = new StringBuilder();
        line(csv, columns.stream().map(c -> (Object) c).toList());
        for (Map<String, Object> row : rows) {
            line(csv, columns.stream().map(row::get).toList());
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<Object> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(field(fields.get(i)));
        }
        csv.append(CRLF);
    }

    /** A field: empty for null, quoted (quotes doubled) when it needs to be. */
    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
