package io.conduit.ingress.jobs;

import io.conduit.contracts.jobs.JobOutput;
import io.conduit.media.storage.ResultStore;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerResponse;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Streams a stored object through the gateway: opened before the answer starts (a missing object
 * is still a clean error), then read in chunks as the client takes them, off the event loop; the
 * object is closed when the client goes away.
 */
final class ObjectDownloads {

    private static final int CHUNK = 64 * 1024;

    private ObjectDownloads() {}

    /** Sends the output with its content type and length; {@code disposition} names the file for downloads, or null. */
    static Mono<Void> send(HttpServerResponse response, ResultStore results, JobOutput output, String disposition) {
        return JobsApi.blocking(() -> results.open(output.objectKey())).flatMap(in -> {
            GetObjectResponse object = in.response();
            String type = output.contentType() != null ? output.contentType()
                    : object.contentType() != null ? object.contentType() : "application/octet-stream";
            response.status(200).header("content-type", type);
            if (object.contentLength() != null) {
                response.header("content-length", Long.toString(object.contentLength()));
            }
            if (disposition != null) {
                response.header("content-disposition", "attachment; filename=\"" + disposition + "\"");
            }
            return response.send(chunks(in)).then();
        }).onErrorMap(NoSuchKeyException.class, e -> new io.conduit.ingress.http.GatewayException(404, "invalid_request_error",
                "not_found", null, "The content '" + output.name() + "' is no longer stored.", java.util.Map.of()));
    }

    /** The whole object (small ones: images as base64). */
    static byte[] readAll(ResultStore results, JobOutput output) {
        return results.read(output.objectKey());
    }

    private static Flux<ByteBuf> chunks(ResponseInputStream<GetObjectResponse> stream) {
        return Flux.<ByteBuf, InputStream>generate(() -> stream, (in, sink) -> {
            try {
                byte[] buffer = in.readNBytes(CHUNK);
                if (buffer.length == 0) {
                    sink.complete();
                } else {
                    sink.next(Unpooled.wrappedBuffer(buffer));
                }
            } catch (IOException e) {
                sink.error(new UncheckedIOException(e));
            }
            return in;
        }, in -> {
            try {
                in.close();
            } catch (IOException ignored) {
                // the object stream is abandoned either way
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
