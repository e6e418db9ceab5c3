package io.conduit.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged distribution ({@code server/target/conduit.jar}) as a separate operating-system process, the
 * way an operator runs one role: its own JVM, environment and data directory, output to a log file. It can
 * be killed without warning ({@link #kill()}, SIGKILL) to test crash recovery, and pinned to one CPU.
 */
public final class ConduitProcess implements AutoCloseable {

    public static final Path JAR = Path.of("target/conduit.jar");

    private final Process process;
    private final Path log;

    private ConduitProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code java -jar conduit.jar} in {@code workDir} with exactly {@code environment} for its
     * {@code CONDUIT_*}, Kafka and database variables (none is inherited from the test JVM).
     *
     * @param cpu the CPU to pin the process to ({@code taskset -c}, and {@code -XX:ActiveProcessorCount=1}), or -1 for none
     * @param jvmOptions extra JVM options, e.g. a heap size
     */
    public static ConduitProcess start(Map<String, String> environment, Path workDir, Path log, int cpu, String... jvmOptions) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: build the server module (package) first");
        }
        List<String> command = new ArrayList<>();
        if (cpu >= 0) {
            command.addAll(List.of("taskset", "-c", Integer.toString(cpu)));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (cpu >= 0) {
            command.add("-XX:ActiveProcessorCount=1");
        }
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-jar", JAR.toAbsolutePath().toString()));
        try {
            Files.createDirectories(workDir);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().keySet().removeIf(name -> name.startsWith("CONDUIT_") || name.equals("DATABASE_URL")
                    || name.equals("KAFKA_BOOTSTRAP_SERVERS") || name.equals("REDIS_URL") || name.startsWith("OPENAI_"));
            builder.environment().putAll(environment);
            return new ConduitProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no clean close of Kafka clients or RocksDB; waits until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        waitFor(30);
    }

    /** SIGTERM: a clean stop; SIGKILL if it has not stopped after {@code seconds}. */
    public void stop(int seconds) {
        process.destroy();
        if (!waitFor(seconds)) {
            kill();
        }
    }

    private boolean waitFor(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** utime + stime of the process so far, in milliseconds ({@code /proc/<pid>/stat}, 100 ticks a second). */
    public long cpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state): utime is field 14, stime field 15
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop(30);
        }
    }
}
