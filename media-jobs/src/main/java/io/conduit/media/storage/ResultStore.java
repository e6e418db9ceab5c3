package io.conduit.media.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Job inputs and results in an S3-compatible bucket. Uploads stream: a result is read from its
 * source part by part (multipart upload, {@link #PART_BYTES} each) and never held whole in memory.
 * Keys: {@code jobs/<job id>/<name>} for results, {@code inputs/<job id>/<field>} for uploads.
 */
public final class ResultStore {

    /** Size of each part of a multipart upload (S3's minimum for all parts but the last is 5 MiB). */
    public static final int PART_BYTES = 8 * 1024 * 1024;

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final java.util.concurrent.Semaphore largeUploads = new java.util.concurrent.Semaphore(MAX_LARGE_UPLOADS);

    /** Multipart uploads one process runs at once (each holds a part in memory). */
    public static final int MAX_LARGE_UPLOADS = 4;

    public ResultStore(S3Client s3, S3Presigner presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    public static String resultKey(String jobId, String name) {
        return "jobs/" + jobId + "/" + name;
    }

    public static String inputKey(String jobId, String field) {
        return "inputs/" + jobId + "/" + field;
    }

    /** A small object written in one request (uploaded inputs, transcripts). */
    public long put(String key, String contentType, byte[] bytes) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
        return bytes.length;
    }

    /**
     * Streams {@code source} into the object: a single put when it ends within one part, else a
     * multipart upload, aborted when reading or writing fails. Memory: a small result costs its own
     * size; a large one a part's buffer, and at most {@link #MAX_LARGE_UPLOADS} large uploads run at once.
     *
     * @return the bytes stored
     */
    public long upload(String key, String contentType, InputStream source) throws IOException {
        PartBuffer first = PartBuffer.read(source, PART_BYTES);
        if (first.length() < PART_BYTES) {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(first.bytes()));
            return first.length();
        }
        try {
            largeUploads.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting to upload " + key);
        }
        try {
            return multipart(key, contentType, first, source);
        } finally {
            largeUploads.release();
        }
    }

    private long multipart(String key, String contentType, PartBuffer first, InputStream source) throws IOException {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long total = 0;
            PartBuffer part = first;
            for (int number = 1; part.length() > 0; number++) {
                int partNumber = number;
                byte[] bytes = part.bytes();
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber)
                        .contentLength((long) bytes.length), RequestBody.fromBytes(bytes)).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
                total += bytes.length;
                part = PartBuffer.read(source, PART_BYTES);
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            return total;
        } catch (IOException | RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            } catch (RuntimeException abort) {
                e.addSuppressed(abort);
            }
            throw e;
        }
    }

    /** Up to one part of a stream, in a buffer that grows with what arrives (so small results stay small). */
    private record PartBuffer(byte[] bytes) {

        static PartBuffer read(InputStream source, int max) throws IOException {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(Math.min(max, 64 * 1024));
            byte[] chunk = new byte[64 * 1024];
            int total = 0;
            while (total < max) {
                int n = source.read(chunk, 0, Math.min(chunk.length, max - total));
                if (n < 0) {
                    break;
                }
                out.write(chunk, 0, n);
                total += n;
            }
            return new PartBuffer(out.toByteArray());
        }

        int length() {
            return bytes.length;
        }
    }

    /** The object's size, or -1 when there is no such object. */
    public long size(String key) {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
            return head.contentLength();
        } catch (NoSuchKeyException e) {
            return -1;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return -1;
            }
            throw e;
        }
    }

    /** Opens the object for reading; the caller closes the stream. */
    public ResponseInputStream<GetObjectResponse> open(String key) {
        return s3.getObject(b -> b.bucket(bucket).key(key));
    }

    public byte[] read(String key) {
        try (ResponseInputStream<GetObjectResponse> in = open(key)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A URL anyone holding it can download the object from until it expires. */
    public String presign(String key, Duration validFor) {
        return presigner.presignGetObject(p -> p.signatureDuration(validFor).getObjectRequest(g -> g.bucket(bucket).key(key)))
                .url().toString();
    }

    /** Deletes every object under a prefix (a job's results or inputs); returns how many. */
    public int deletePrefix(String prefix) {
        int deleted = 0;
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
            s3.deleteObject(b -> b.bucket(bucket).key(object.key()));
            deleted++;
        }
        return deleted;
    }
}
