package io.conduit.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import io.conduit.embedded.EmbeddedInfrastructure.Component;
import io.conduit.embedded.EmbeddedInfrastructure.Ports;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

class EmbeddedInfrastructureTest {

    @TempDir
    Path dir;

    @Test
    void starts_every_requested_component_under_its_own_directory() throws Exception {
        try (EmbeddedInfrastructure infra =
                     EmbeddedInfrastructure.start(dir, Ports.ephemeral(), EnumSet.allOf(Component.class))) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    infra.kafka().bootstrapServers()))) {
                admin.createTopics(Set.of(new NewTopic("requests", 1, (short) 1))).all().get();
            }
            try (Connection connection = DriverManager.getConnection(
                    infra.postgres().jdbcUrl(), infra.postgres().username(), infra.postgres().password())) {
                assertThat(connection.isValid(5)).isTrue();
            }
            try (S3Client s3 = s3Client(infra.s3())) {
                s3.createBucket(b -> b.bucket("media"));
            }
            assertThat(infra.kafka().dataDir()).isEqualTo(dir.resolve("kafka"));
            assertThat(dir.resolve("kafka/meta.properties")).exists();
            assertThat(dir.resolve("postgres/PG_VERSION")).exists();
            assertThat(dir.resolve("s3/media")).isDirectory();
        }
    }

    @Test
    void starts_only_the_requested_components() {
        try (EmbeddedInfrastructure infra = EmbeddedInfrastructure.start(dir, Ports.ephemeral(), Set.of(Component.S3))) {
            assertThat(infra.has(Component.S3)).isTrue();
            assertThat(infra.has(Component.KAFKA)).isFalse();
            assertThatThrownBy(infra::kafka).isInstanceOf(IllegalStateException.class).hasMessageContaining("KAFKA");
            assertThat(dir.resolve("kafka")).doesNotExist();
            assertThat(dir.resolve("postgres")).doesNotExist();
        }
    }

    @Test
    void a_failed_start_stops_the_components_that_did_start() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Ports s3PortTaken = new Ports(0, 0, taken.getLocalPort());
            assertThatThrownBy(() -> EmbeddedInfrastructure.start(dir, s3PortTaken, Set.of(Component.KAFKA, Component.S3)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("did not start");
        }
        // Kafka locks its log directory while it runs: starting it again proves the first one was stopped
        try (EmbeddedInfrastructure infra = EmbeddedInfrastructure.start(dir, Ports.ephemeral(), Set.of(Component.KAFKA))) {
            assertThat(infra.has(Component.KAFKA)).isTrue();
        }
    }

    private static S3Client s3Client(EmbeddedS3 s3) {
        return S3Client.builder()
                .endpointOverride(URI.create(s3.endpoint()))
                .region(Region.of(s3.region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
