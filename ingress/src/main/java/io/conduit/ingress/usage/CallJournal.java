package io.conduit.ingress.usage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The calls in flight, on local disk, so that a gateway killed mid-call still records each call
 * it made. Before a call is sent, its provisional usage record is written here ({@link #open});
 * once the call's own usage event is in the spool, the entry is closed ({@link #close}). On start,
 * entries left open by a dead instance are handed back ({@link #interrupted()}) to be spooled.
 *
 * <p>Entries are written with plain writes, not forced: they survive the process being killed
 * (the kernel has them), which is what they are for; the spool itself forces its records. The
 * file is emptied whenever no call is open, and rewritten with only the open entries when it grows.
 * Thread-safe.
 */
public final class CallJournal implements AutoCloseable {

    private static final byte OPEN = 'O';
    private static final byte CLOSE = 'C';
    private static final long REWRITE_ABOVE_BYTES = 8L * 1024 * 1024;

    private final Path file;
    private FileChannel channel;
    private final Map<String, byte[]> open = new LinkedHashMap<>();
    private final List<byte[]> interrupted;
    private long size;

    public CallJournal(Path directory) {
        this.file = directory.resolve("calls.journal");
        try {
            Files.createDirectories(directory);
            this.interrupted = readLeftOpen(file);
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the call journal in " + directory, e);
        }
    }

    /** The provisional records of calls a previous instance left open (it died during them). */
    public List<byte[]> interrupted() {
        return interrupted;
    }

    /** A call with this id is about to be sent; {@code record} is what to spool if this instance dies first. */
    public synchronized void open(String id, byte[] record) {
        open.put(id, record);
        write(entry(OPEN, id, record));
    }

    /** These calls' own records are in the spool. */
    public synchronized void close(Collection<String> ids) {
        boolean any = false;
        for (String id : ids) {
            any |= open.remove(id) != null;
        }
        if (!any) {
            return;
        }
        if (open.isEmpty()) {
            truncate();
            return;
        }
        if (size > REWRITE_ABOVE_BYTES) {
            rewrite();
            return;
        }
        ByteBuffer closing = ByteBuffer.allocate(ids.stream().mapToInt(id -> 7 + id.length()).sum());
        for (String id : ids) {
            closing.put(entry(CLOSE, id, new byte[0]));
        }
        write(closing.array());
    }

    public synchronized int openCalls() {
        return open.size();
    }

    private static byte[] entry(byte kind, String id, byte[] record) {
        byte[] idBytes = id.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(1 + 2 + idBytes.length + 4 + record.length)
                .put(kind).putShort((short) idBytes.length).put(idBytes).putInt(record.length).put(record).array();
    }

    private void write(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            while (buffer.hasRemaining()) {
                size += channel.write(buffer, size);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the call journal", e);
        }
    }

    private void truncate() {
        try {
            channel.truncate(0);
            size = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot empty the call journal", e);
        }
    }

    /** Writes the open entries to a new file and swaps it in (atomically, so a crash keeps one or the other). */
    private void rewrite() {
        Path next = file.resolveSibling("calls.journal.next");
        try (FileChannel out = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long written = 0;
            for (var entry : open.entrySet()) {
                ByteBuffer buffer = ByteBuffer.wrap(entry(OPEN, entry.getKey(), entry.getValue()));
                while (buffer.hasRemaining()) {
                    written += out.write(buffer, written);
                }
            }
            Files.move(next, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            channel.close();
            channel = FileChannel.open(file, StandardOpenOption.WRITE);
            size = written;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot rewrite the call journal", e);
        }
    }

    /** Open entries without their close; a torn last entry (killed mid-write) is ignored. */
    private static List<byte[]> readLeftOpen(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(file));
        Map<String, byte[]> left = new LinkedHashMap<>();
        while (data.remaining() >= 7) {
            byte kind = data.get();
            int idLength = data.getShort();
            if (idLength < 0 || data.remaining() < idLength + 4) {
                break;
            }
            byte[] id = new byte[idLength];
            data.get(id);
            int recordLength = data.getInt();
            if (recordLength < 0 || data.remaining() < recordLength) {
                break;
            }
            byte[] record = new byte[recordLength];
            data.get(record);
            String key = new String(id, StandardCharsets.US_ASCII);
            if (kind == OPEN) {
                left.put(key, record);
            } else {
                left.remove(key);
            }
        }
        return new ArrayList<>(left.values());
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
