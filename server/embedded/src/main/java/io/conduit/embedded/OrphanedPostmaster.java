package io.conduit.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a PostgreSQL server that a killed JVM left running on a data directory. Such a server still holds
 * the port and {@code postmaster.pid}, so a new start would fail until someone stopped it by hand.
 *
 * <p>zonky holds an exclusive lock on {@code epg-lock} in the data directory for as long as its JVM runs
 * the server, so a lock that can be taken means nobody owns the server any more.
 */
final class OrphanedPostmaster {

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);
    private static final long STOP_TIMEOUT_SECONDS = 30;

    private OrphanedPostmaster() {
    }

    static void stopIfAny(Path dataDir) throws IOException {
        Optional<ProcessHandle> postmaster = runningPostmaster(dataDir);
        if (postmaster.isEmpty()) {
            return;
        }
        if (!ownerless(dataDir)) {
            throw new IllegalStateException("PostgreSQL data directory " + dataDir + " is in use by a running server");
        }
        ProcessHandle process = postmaster.get();
        log.warn("Stopping PostgreSQL server (pid {}) left running on {} by a previous process", process.pid(), dataDir);
        process.destroy(); // SIGTERM: smart shutdown, the dead JVM's sessions are gone already
        if (!exited(process)) {
            process.destroyForcibly(); // crash recovery on the next start
            exited(process);
        }
    }

    private static Optional<ProcessHandle> runningPostmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.getFirst().strip().matches("\\d+")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.getFirst().strip()))
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
    }

    private static boolean ownerless(Path dataDir) throws IOException {
        try (FileChannel channel = FileChannel.open(dataDir.resolve("epg-lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // held by this very JVM
        }
    }

    private static boolean exited(ProcessHandle process) {
        try {
            process.onExit().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping PostgreSQL", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
