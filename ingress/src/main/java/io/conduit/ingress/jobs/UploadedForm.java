package io.conduit.ingress.jobs;

import io.conduit.contracts.json.Json;
import io.conduit.ingress.http.GatewayException;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostMultipartRequestDecoder;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@code multipart/form-data} request, read as it streams in (Netty's multipart decoder): text
 * fields in memory, files in memory up to {@link #IN_MEMORY_BYTES} and on disk beyond, the whole
 * request refused (413) past a limit. Closing it deletes the files on disk.
 */
final class UploadedForm implements AutoCloseable {

    /** Parts up to this size stay in memory; larger ones are written to the upload directory. */
    static final long IN_MEMORY_BYTES = 16 * 1024;

    /** A text field. */
    record Field(String name, String value) {}

    /** An uploaded file. */
    record UploadedFile(String field, String filename, String contentType, long size, FileUpload data) {

        /** Its bytes, from memory or disk; the caller closes the stream. */
        InputStream open() {
            try {
                return data.isInMemory() ? new ByteArrayInputStream(data.get()) : new FileInputStream(data.getFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final HttpPostMultipartRequestDecoder decoder;
    private final List<Field> fields;
    private final List<UploadedFile> files;
    private final AtomicBoolean closed = new AtomicBoolean();

    private UploadedForm(HttpPostMultipartRequestDecoder decoder, List<Field> fields, List<UploadedFile> files) {
        this.decoder = decoder;
        this.fields = List.copyOf(fields);
        this.files = List.copyOf(files);
    }

    /** Whether a request's content type says multipart form. */
    static boolean isMultipart(HttpHeaders headers) {
        String type = headers.get("content-type");
        return type != null && type.regionMatches(true, 0, "multipart/form-data", 0, 19);
    }

    /**
     * Reads a multipart request body: decoding (which may write to disk) runs off the event loop,
     * chunk by chunk as they arrive.
     */
    static Mono<UploadedForm> read(HttpHeaders headers, Flux<byte[]> body, long maxBytes, Path uploadDir) {
        String declared = headers.get("content-length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.strip()) > maxBytes) {
                    return Mono.error(GatewayException.tooLarge(maxBytes));
                }
            } catch (NumberFormatException e) {
                return Mono.error(GatewayException.badRequest("invalid_content_length", null,
                        "The Content-Length header is not a number."));
            }
        }
        return Mono.defer(() -> {
            Decoding decoding = new Decoding(headers, maxBytes, uploadDir);
            return body.publishOn(Schedulers.boundedElastic(), 4)
                    .doOnNext(decoding::offer)
                    .then(Mono.fromCallable(decoding::finish))
                    .doOnError(e -> decoding.abandon())
                    .doOnCancel(decoding::abandon);
        });
    }

    /** Decodes a whole body at once (tests, small forms). */
    static UploadedForm parse(HttpHeaders headers, List<byte[]> chunks, long maxBytes, Path uploadDir) {
        Decoding decoding = new Decoding(headers, maxBytes, uploadDir);
        try {
            chunks.forEach(decoding::offer);
            return decoding.finish();
        } catch (RuntimeException e) {
            decoding.abandon();
            throw e;
        }
    }

    List<Field> fields() {
        return fields;
    }

    List<UploadedFile> files() {
        return files;
    }

    /** The first text field of that name. */
    Optional<String> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).map(Field::value).findFirst();
    }

    /** The files uploaded under any of these field names, in order. */
    List<UploadedFile> files(String... names) {
        List<String> wanted = Arrays.asList(names);
        return files.stream().filter(f -> wanted.contains(f.field())).toList();
    }

    /**
     * The text fields as a JSON object: each once as a string, or as an array of strings when the
     * name repeats or ends with {@code []} (stripped), e.g. {@code timestamp_granularities[]}.
     */
    ObjectNode fieldsAsJson() {
        ObjectNode json = Json.mapper().createObjectNode();
        for (Field field : fields) {
            boolean listed = field.name().endsWith("[]");
            String name = listed ? field.name().substring(0, field.name().length() - 2) : field.name();
            if (name.isEmpty()) {
                continue;
            }
            var existing = json.get(name);
            if (existing instanceof ArrayNode array) {
                array.add(field.value());
            } else if (existing != null) {
                ArrayNode array = json.putArray(name);
                array.add(existing.asString());
                array.add(field.value());
            } else if (listed) {
                json.putArray(name).add(field.value());
            } else {
                json.put(name, field.value());
            }
        }
        return json;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            decoder.destroy();
        }
    }

    /** One body being decoded. */
    private static final class Decoding {
        private static final int TAIL = 256;

        private final HttpPostMultipartRequestDecoder decoder;
        private final long maxBytes;
        private final String closing;
        /** The last bytes received, to see that the body ends with its closing boundary (a cut body does not). */
        private final byte[] tail = new byte[TAIL];
        private int tailLength;
        private long received;

        Decoding(HttpHeaders headers, long maxBytes, Path uploadDir) {
            this.maxBytes = maxBytes;
            String boundary = boundary(headers.get("content-type"));
            if (boundary.isEmpty()) {
                throw GatewayException.badRequest("invalid_multipart", null,
                        "The multipart/form-data content type names no boundary.");
            }
            this.closing = "--" + boundary + "--";
            DefaultHttpDataFactory factory = new DefaultHttpDataFactory(IN_MEMORY_BYTES, StandardCharsets.UTF_8);
            factory.setBaseDir(uploadDir.toString());
            factory.setDeleteOnExit(false);
            try {
                this.decoder = new HttpPostMultipartRequestDecoder(factory,
                        new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/", headers), StandardCharsets.UTF_8);
            } catch (HttpPostRequestDecoder.ErrorDataDecoderException e) {
                throw malformed(e);
            }
            // keep little of the raw body in memory: parsed parts are on disk already
            decoder.setDiscardThreshold(256 * 1024);
        }

        void offer(byte[] chunk) {
            received += chunk.length;
            if (received > maxBytes) {
                throw GatewayException.tooLarge(maxBytes);
            }
            remember(chunk);
            try {
                decoder.offer(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk)));
            } catch (HttpPostRequestDecoder.ErrorDataDecoderException e) {
                throw malformed(e);
            }
        }

        UploadedForm finish() {
            try {
                decoder.offer(LastHttpContent.EMPTY_LAST_CONTENT);
                if (decoder.currentPartialHttpData() != null
                        || !new String(tail, 0, tailLength, StandardCharsets.ISO_8859_1).stripTrailing().endsWith(closing)) {
                    throw GatewayException.badRequest("invalid_multipart", null,
                            "The multipart/form-data body ended before its closing boundary.");
                }
                List<Field> fields = new ArrayList<>();
                List<UploadedFile> files = new ArrayList<>();
                for (InterfaceHttpData data : decoder.getBodyHttpDatas()) {
                    if (data instanceof FileUpload file) {
                        files.add(new UploadedFile(file.getName(), file.getFilename(), file.getContentType(), file.length(), file));
                    } else if (data instanceof Attribute attribute) {
                        fields.add(new Field(attribute.getName(), attribute.getValue()));
                    }
                }
                return new UploadedForm(decoder, fields, files);
            } catch (HttpPostRequestDecoder.ErrorDataDecoderException | HttpPostRequestDecoder.NotEnoughDataDecoderException e) {
                throw malformed(e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void remember(byte[] chunk) {
            if (chunk.length >= TAIL) {
                System.arraycopy(chunk, chunk.length - TAIL, tail, 0, TAIL);
                tailLength = TAIL;
                return;
            }
            int keep = Math.min(tailLength, TAIL - chunk.length);
            System.arraycopy(tail, tailLength - keep, tail, 0, keep);
            System.arraycopy(chunk, 0, tail, keep, chunk.length);
            tailLength = keep + chunk.length;
        }

        /** The boundary parameter of a multipart content type, empty when it has none. */
        private static String boundary(String contentType) {
            if (contentType != null) {
                for (String parameter : contentType.split(";")) {
                    String p = parameter.strip();
                    if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
                        String value = p.substring(9).strip();
                        return value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")
                                ? value.substring(1, value.length() - 1) : value;
                    }
                }
            }
            return "";
        }

        void abandon() {
            decoder.destroy();
        }

        private static GatewayException malformed(RuntimeException e) {
            return GatewayException.badRequest("invalid_multipart", null, "The multipart/form-data body could not be read"
                    + (e.getMessage() != null ? ": " + e.getMessage() : "") + ".");
        }
    }
}
