package io.conduit.ingress.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the readiness checks in the background and keeps their latest results for the probe. */
public final class ReadinessMonitor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReadinessMonitor.class);

    private final List<ReadinessCheck> checks;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("conduit-readiness").daemon().factory());
    private volatile Map<String, Boolean> results;
    private volatile boolean started;

    public ReadinessMonitor(List<ReadinessCheck> checks, Duration interval) {
        this.checks = List.copyOf(checks);
        Map<String, Boolean> initial = new LinkedHashMap<>();
        checks.forEach(c -> initial.put(c.name(), false));
        this.results = Map.copyOf(initial);
        scheduler.scheduleWithFixedDelay(this::runChecks, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runChecks() {
        Map<String, Boolean> latest = new LinkedHashMap<>();
        for (ReadinessCheck check : checks) {
            boolean up;
            try {
                up = check.check();
            } catch (RuntimeException e) {
                up = false;
            }
            if (up != Boolean.TRUE.equals(results.get(check.name()))) {
                log.info("Readiness of {}: {}", check.name(), up ? "up" : "down");
            }
            latest.put(check.name(), up);
        }
        results = latest;
    }

    public Map<String, Boolean> results() {
        return results;
    }

    /** Called once every role of the process has started; until then the process is not ready. */
    public void markStarted() {
        started = true;
    }

    public boolean ready() {
        return started && !results.isEmpty() && results.values().stream().allMatch(Boolean::booleanValue);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
