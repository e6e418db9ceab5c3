package io.conduit.bench.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time per operation, which — unlike the wall time JMH measures — does not grow while the
 * benchmark thread waits for a core another process holds: on a shared, overloaded machine it is
 * the figure that stays put. Reports, per iteration, divided by all operations of the iteration
 * (as {@code -prof gc} does for allocation):
 * <ul>
 *   <li>{@code cpu.time.norm}: CPU time of the benchmark's worker threads ({@code *-jmh-worker-*});</li>
 *   <li>{@code cpu.process.norm}: CPU time of the whole forked JVM, so also GC (what allocation
 *       costs) and any JIT compiling still going on.</li>
 * </ul>
 * Use: {@code -prof io.conduit.bench.jmh.CpuTimeProfiler} (bench/jmh.sh adds it).
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private Map<Long, Long> workersBefore = Map.of();
    private long processBefore;

    @Override
    public String getDescription() {
        return "CPU time per operation: the benchmark threads' and the whole JVM's";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        workersBefore = workerCpu();
        processBefore = os.getProcessCpuTime();
    }

    @Override
    public List<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        long process = os.getProcessCpuTime() - processBefore;
        long workers = 0;
        for (Map.Entry<Long, Long> now : workerCpu().entrySet()) {
            workers += now.getValue() - workersBefore.getOrDefault(now.getKey(), 0L);
        }
        long ops = result.getMetadata().getAllOps();
        if (ops <= 0) {
            return List.of();
        }
        TimeUnit timeUnit = benchmarkParams.getTimeUnit();
        double nanosPerUnit = timeUnit.toNanos(1);
        String unit = unit(timeUnit) + "/op";
        return List.of(
                new ScalarResult("cpu.time.norm", workers / nanosPerUnit / ops, unit, AggregationPolicy.AVG),
                new ScalarResult("cpu.process.norm", process / nanosPerUnit / ops, unit, AggregationPolicy.AVG));
    }

    /** CPU nanoseconds so far of each live JMH worker thread, by thread id. */
    private Map<Long, Long> workerCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("jmh-worker")) {
                long t = threads.getThreadCpuTime(info.getThreadId());
                if (t >= 0) {
                    cpu.put(info.getThreadId(), t);
                }
            }
        }
        return cpu;
    }

    private static String unit(TimeUnit unit) {
        return switch (unit) {
            case NANOSECONDS -> "ns";
            case MICROSECONDS -> "us";
            case MILLISECONDS -> "ms";
            case SECONDS -> "s";
            default -> unit.name().toLowerCase(Locale.ROOT);
        };
    }
}
