package io.conduit.ingress.usage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A durable log of usage events on local disk: records are appended (length-prefixed), and only
 * records already forced to disk ({@link #force()}) are read back to be sent to Kafka; a
 * checkpoint remembers up to where Kafka has acknowledged. After a crash or an outage everything past the checkpoint is sent again (event
 * ids make that harmless). When everything is acknowledged the log is emptied. Thread-safe.
 */
public final class UsageSpool implements AutoCloseable {

    /** One stored record and where the next one starts. */
    public record Entry(long position, long next, byte[] bytes) {}

    private static final long COMPACT_ABOVE_BYTES = 16L * 1024 * 1024;
    /** Acknowledgements reach the disk at most this often: a crash costs re-sending at most this much. */
    private static final long CHECKPOINT_EVERY_NANOS = 100_000_000L;

    private final FileChannel log;
    private final FileChannel checkpoint;
    private final java.nio.channels.FileLock lock;
    private final long maxBytes;
    private long end;
    private long durableEnd;
    private long acked;
    private long checkpointedAt;

    public UsageSpool(Path directory, long maxBytes) {
        this.maxBytes = maxBytes;
        try {
            Files.createDirectories(directory);
            this.log = FileChannel.open(directory.resolve("usage.log"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            this.lock = tryLock(log);
            if (lock == null) {
                log.close();
                throw new IllegalStateException("The usage spool in " + directory + " is in use by another process");
            }
            this.checkpoint = FileChannel.open(directory.resolve("usage.acked"), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            this.end = lastCompleteRecordEnd();
            this.durableEnd = end;
            log.truncate(end);
            this.acked = Math.min(readCheckpoint(), end);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the usage spool in " + directory, e);
        }
    }

    /** Appends the records (not yet forced); false (nothing written) when the spool would pass its size limit. */
    public synchronized boolean append(List<byte[]> records) {
        long size = records.stream().mapToLong(r -> 4L + r.length).sum();
        if (end - acked + size > maxBytes) {
            return false;
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        records.forEach(r -> buffer.putInt(r.length).put(r));
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                end += log.write(buffer, end);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the usage spool", e);
        }
        return true;
    }

    /** Forces what was appended to disk; from then on it can be read and sent. */
    public synchronized void force() {
        if (durableEnd == end) {
            return;
        }
        try {
            log.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot force the usage spool to disk", e);
        }
        durableEnd = end;
    }

    /** Whether appended records are waiting for {@link #force()}. */
    public synchronized boolean hasUnforced() {
        return durableEnd != end;
    }

    /** Up to {@code max} records starting at {@code position}. */
    public synchronized List<Entry> read(long position, int max) {
        List<Entry> entries = new ArrayList<>();
        long at = Math.max(position, acked);
        try {
            ByteBuffer length = ByteBuffer.allocate(4);
            while (entries.size() < max && at + 4 <= durableEnd) {
                length.clear();
                log.read(length, at);
                int n = length.flip().getInt();
                ByteBuffer bytes = ByteBuffer.allocate(n);
                while (bytes.hasRemaining()) {
                    log.read(bytes, at + 4 + bytes.position());
                }
                entries.add(new Entry(at, at + 4 + n, bytes.array()));
                at += 4 + n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the usage spool", e);
        }
        return entries;
    }

    /** Everything before {@code position} is in Kafka. */
    public synchronized void acknowledge(long position) {
        if (position <= acked) {
            return;
        }
        acked = Math.min(position, end);
        if (System.nanoTime() - checkpointedAt >= CHECKPOINT_EVERY_NANOS) {
            writeCheckpoint();
        }
    }

    /**
     * Empties the log when everything in it is acknowledged and it has grown large; the reader,
     * whose position is {@code readerPosition}, then starts again at 0. Returns whether it did.
     */
    public synchronized boolean compactIfDrained(long readerPosition) {
        if (acked != end || durableEnd != end || readerPosition != end || end <= COMPACT_ABOVE_BYTES) {
            return false;
        }
        try {
            log.truncate(0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot compact the usage spool", e);
        }
        end = 0;
        durableEnd = 0;
        acked = 0;
        writeCheckpoint();
        return true;
    }

    private void writeCheckpoint() {
        checkpointedAt = System.nanoTime();
        try {
            checkpoint.write(ByteBuffer.allocate(8).putLong(0, acked), 0);
            checkpoint.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the usage spool checkpoint", e);
        }
    }

    public synchronized long acknowledged() {
        return acked;
    }

    public synchronized long end() {
        return end;
    }

    /** Bytes written but not yet acknowledged by Kafka. */
    public synchronized long pendingBytes() {
        return end - acked;
    }

    private static java.nio.channels.FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return null;
        }
    }

    private long readCheckpoint() throws IOException {
        if (checkpoint.size() < 8) {
            return 0;
        }
        ByteBuffer buffer = ByteBuffer.allocate(8);
        checkpoint.read(buffer, 0);
        return buffer.flip().getLong();
    }

    /** A crash mid-append leaves a torn last record: the log ends where the last whole record does. */
    private long lastCompleteRecordEnd() throws IOException {
        long size = log.size();
        long at = 0;
        ByteBuffer length = ByteBuffer.allocate(4);
        while (at + 4 <= size) {
            length.clear();
            log.read(length, at);
            int n = length.flip().getInt();
            if (n < 0 || at + 4 + n > size) {
                break;
            }
            at += 4 + n;
        }
        return at;
    }

    @Override
    public synchronized void close() throws IOException {
        force();
        writeCheckpoint();
        lock.release();
        log.close();
        checkpoint.close();
    }
}
