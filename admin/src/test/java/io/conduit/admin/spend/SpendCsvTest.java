package io.conduit.admin.spend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpendCsvTest {

    @Test
    void writes_a_header_and_crlf_lines_quoting_only_what_rfc_4180_requires() {
        Map<String, Object> tricky = new LinkedHashMap<>();
        tricky.put("model", "say \"hi\", then\nleave");
        tricky.put("total_micros", 1_234_567L);
        tricky.put("total_usd", SpendAmounts.usd(1_234_567L));
        Map<String, Object> empty = new LinkedHashMap<>();
        empty.put("model", null);
        empty.put("total_micros", 0L);
        empty.put("total_usd", SpendAmounts.usd(0));

        String csv = SpendCsv.write(List.of("model", "total_micros", "total_usd"), List.of(tricky, empty));

        assertThat(csv).isEqualTo("model,total_micros,total_usd\r\n"
                + "\"say \"\"hi\"\", then\nleave\",1234567,1.234567\r\n"
                + ",0,0.000000\r\n");
    }

    @Test
    void renders_micro_dollars_as_exact_decimals() {
        assertThat(SpendAmounts.usd(420)).isEqualTo("0.000420");
        assertThat(SpendAmounts.usd(Long.MAX_VALUE)).isEqualTo("9223372036854.775807");
        assertThat(SpendAmounts.usd(-1)).isEqualTo("-0.000001");
    }
}
