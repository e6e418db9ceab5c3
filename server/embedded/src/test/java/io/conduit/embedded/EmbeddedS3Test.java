package io.conduit.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

class EmbeddedS3Test {

    @TempDir
    Path dir;

    @Test
    void restart_keeps_objects() {
        EmbeddedS3.Config config = EmbeddedS3.Config.of(dir.resolve("s3"));
        try (EmbeddedS3 s3 = EmbeddedS3.start(config); S3Client client = client(s3, s3.accessKey(), s3.secretKey())) {
            assertThat(s3.endpoint()).isEqualTo("http://127.0.0.1:" + s3.port());
            client.createBucket(b -> b.bucket("media"));
            client.putObject(p -> p.bucket("media").key("images/cat.txt").contentType("text/plain"),
                    RequestBody.fromString("meow"));
            assertThat(client.getObjectAsBytes(g -> g.bucket("media").key("images/cat.txt")).asUtf8String())
                    .isEqualTo("meow");
        }
        try (EmbeddedS3 s3 = EmbeddedS3.start(config); S3Client client = client(s3, s3.accessKey(), s3.secretKey())) {
            var object = client.getObjectAsBytes(g -> g.bucket("media").key("images/cat.txt"));
            assertThat(object.asUtf8String()).isEqualTo("meow");
            assertThat(object.response().contentType()).isEqualTo("text/plain");
            assertThat(client.listObjectsV2(l -> l.bucket("media")).contents())
                    .extracting(o -> o.key()).containsExactly("images/cat.txt");
        }
    }

    @Test
    void multipart_uploads_and_batch_deletes_work() {
        try (EmbeddedS3 s3 = EmbeddedS3.start(EmbeddedS3.Config.of(dir.resolve("s3")));
             S3Client client = client(s3, s3.accessKey(), s3.secretKey())) {
            client.createBucket(b -> b.bucket("media"));
            String uploadId = client.createMultipartUpload(m -> m.bucket("media").key("video.bin")).uploadId();
            String etag = client.uploadPart(u -> u.bucket("media").key("video.bin").uploadId(uploadId).partNumber(1),
                    RequestBody.fromString("frames")).eTag();
            client.completeMultipartUpload(c -> c.bucket("media").key("video.bin").uploadId(uploadId)
                    .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
            assertThat(client.getObjectAsBytes(g -> g.bucket("media").key("video.bin")).asUtf8String())
                    .isEqualTo("frames");

            client.putObject(p -> p.bucket("media").key("other.txt"), RequestBody.fromString("x"));
            var deleted = client.deleteObjects(d -> d.bucket("media").delete(del -> del.objects(
                    ObjectIdentifier.builder().key("video.bin").build(),
                    ObjectIdentifier.builder().key("other.txt").build())));
            assertThat(deleted.deleted()).hasSize(2);
            assertThat(client.listObjectsV2(l -> l.bucket("media")).contents()).isEmpty();
        }
    }

    @Test
    void rejects_requests_signed_with_other_credentials() {
        try (EmbeddedS3 s3 = EmbeddedS3.start(EmbeddedS3.Config.of(dir.resolve("s3")).withCredentials("key", "secret"));
             S3Client client = client(s3, "key", "not-the-secret")) {
            assertThatThrownBy(() -> client.createBucket(b -> b.bucket("media")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
    }

    private static S3Client client(EmbeddedS3 s3, String accessKey, String secretKey) {
        return S3Client.builder()
                .endpointOverride(URI.create(s3.endpoint()))
                .region(Region.of(s3.region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
