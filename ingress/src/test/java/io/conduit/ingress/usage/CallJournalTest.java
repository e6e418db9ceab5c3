package io.conduit.ingress.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calls in flight survive the instance's death: the next instance finds what was left open. */
class CallJournalTest {

    @TempDir
    Path dir;

    static byte[] record(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void calls_left_open_by_a_dead_instance_are_handed_to_the_next() {
        CallJournal first = new CallJournal(dir);
        first.open("a", record("call a"));
        first.open("b", record("call b"));
        first.open("c", record("call c"));
        first.close(List.of("b"));
        // the instance dies here: no close()

        CallJournal next = new CallJournal(dir);

        assertThat(next.interrupted()).extracting(String::new).containsExactly("call a", "call c");
        assertThat(new CallJournal(dir).interrupted()).as("handed over once").isEmpty();
    }

    @Test
    void the_file_is_emptied_when_no_call_is_open() throws IOException {
        CallJournal journal = new CallJournal(dir);
        journal.open("a", record("call a"));
        journal.close(List.of("a"));

        assertThat(Files.size(dir.resolve("calls.journal"))).isZero();
        assertThat(journal.openCalls()).isZero();
    }

    @Test
    void a_torn_last_entry_is_ignored() throws IOException {
        CallJournal journal = new CallJournal(dir);
        journal.open("a", record("call a"));
        Files.write(dir.resolve("calls.journal"), new byte[] {'O', 0, 5, 'x'}, StandardOpenOption.APPEND);

        assertThat(new CallJournal(dir).interrupted()).extracting(String::new).containsExactly("call a");
    }

    @Test
    void a_long_running_call_survives_rewrites_of_the_file() {
        CallJournal journal = new CallJournal(dir);
        journal.open("long", record("the long stream"));
        byte[] big = new byte[64 * 1024];
        for (int i = 0; i < 200; i++) {
            journal.open("short-" + i, big);
            journal.close(List.of("short-" + i));
        }

        assertThat(new CallJournal(dir).interrupted()).extracting(String::new).containsExactly("the long stream");
    }
}
