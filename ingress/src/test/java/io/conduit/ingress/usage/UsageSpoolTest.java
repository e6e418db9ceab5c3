package io.conduit.ingress.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageSpoolTest {

    @TempDir
    Path dir;

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static List<String> texts(List<UsageSpool.Entry> entries) {
        return entries.stream().map(e -> new String(e.bytes(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void reads_back_what_was_appended_in_order() throws Exception {
        try (UsageSpool spool = new UsageSpool(dir, 1 << 20)) {
            spool.append(List.of(bytes("a"), bytes("bb")));
            spool.append(List.of(bytes("ccc")));
            assertThat(spool.read(0, 10)).as("nothing is sent before it is on disk").isEmpty();
            spool.force();

            List<UsageSpool.Entry> all = spool.read(0, 10);
            assertThat(texts(all)).containsExactly("a", "bb", "ccc");
            assertThat(texts(spool.read(all.get(1).position(), 1))).containsExactly("bb");
            assertThat(all.getLast().next()).isEqualTo(spool.end());
        }
    }

    @Test
    void a_restart_resumes_after_the_acknowledged_records() throws Exception {
        try (UsageSpool spool = new UsageSpool(dir, 1 << 20)) {
            spool.append(List.of(bytes("sent"), bytes("pending-1"), bytes("pending-2")));
            spool.force();
            spool.acknowledge(spool.read(0, 1).getFirst().next());
        }

        try (UsageSpool reopened = new UsageSpool(dir, 1 << 20)) {
            assertThat(texts(reopened.read(reopened.acknowledged(), 10))).containsExactly("pending-1", "pending-2");
        }
    }

    @Test
    void a_record_torn_by_a_crash_is_dropped_on_open() throws Exception {
        try (UsageSpool spool = new UsageSpool(dir, 1 << 20)) {
            spool.append(List.of(bytes("whole")));
        }
        Files.write(dir.resolve("usage.log"), new byte[] {0, 0, 0, 9, 'p', 'a'}, StandardOpenOption.APPEND);

        try (UsageSpool reopened = new UsageSpool(dir, 1 << 20)) {
            assertThat(texts(reopened.read(0, 10))).containsExactly("whole");
            reopened.append(List.of(bytes("next")));
            reopened.force();
            assertThat(texts(reopened.read(0, 10))).containsExactly("whole", "next");
        }
    }

    @Test
    void refuses_records_past_its_size_limit_until_kafka_takes_some() throws Exception {
        try (UsageSpool spool = new UsageSpool(dir, 20)) {
            assertThat(spool.append(List.of(bytes("0123456789")))).isTrue();
            assertThat(spool.append(List.of(bytes("0123456789")))).isFalse();
            spool.acknowledge(spool.end());
            assertThat(spool.append(List.of(bytes("0123456789")))).isTrue();
        }
    }

    @Test
    void empties_once_everything_is_acknowledged_and_it_is_large() throws Exception {
        try (UsageSpool spool = new UsageSpool(dir, 1L << 30)) {
            byte[] big = new byte[1 << 20];
            for (int i = 0; i < 17; i++) {
                spool.append(List.of(big));
            }
            spool.force();
            assertThat(spool.compactIfDrained(spool.end())).isFalse();
            spool.acknowledge(spool.end());

            assertThat(spool.compactIfDrained(spool.end())).isTrue();
            assertThat(spool.end()).isZero();
            assertThat(Files.size(dir.resolve("usage.log"))).isZero();
        }
    }

    @Test
    void one_process_at_a_time() throws Exception {
        try (UsageSpool spool = new UsageSpool(dir, 1 << 20)) {
            assertThatThrownBy(() -> new UsageSpool(dir, 1 << 20)).isInstanceOf(Exception.class);
        }
    }
}
