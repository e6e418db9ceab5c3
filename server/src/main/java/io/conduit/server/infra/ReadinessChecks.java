package io.conduit.server.infra;

import io.conduit.ingress.health.ReadinessCheck;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import software.amazon.awssdk.services.s3.S3Client;

/** The dependencies readiness waits for: Kafka, PostgreSQL and the object store must each answer. */
public final class ReadinessChecks {

    private ReadinessChecks() {}

    public static ReadinessCheck named(String name, BooleanSupplier check) {
        return new ReadinessCheck() {
            public String name() {
                return name;
            }

            public boolean check() {
                return check.getAsBoolean();
            }
        };
    }

    public static Admin kafkaAdmin(String bootstrapServers) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "conduit-readiness",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000));
    }

    public static ReadinessCheck kafka(Admin admin) {
        return named("kafka", () -> {
            try {
                return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes()
                        .get(3, TimeUnit.SECONDS).isEmpty();
            } catch (Exception e) {
                return false;
            }
        });
    }

    public static ReadinessCheck postgres(DataSource dataSource) {
        return named("postgres", () -> {
            try (Connection connection = dataSource.getConnection()) {
                return connection.isValid(2);
            } catch (SQLException e) {
                return false;
            }
        });
    }

    public static ReadinessCheck s3(S3Client s3, String bucket) {
        return named("s3", () -> {
            try {
                return ObjectStore.reachable(s3, bucket);
            } catch (RuntimeException e) {
                return false;
            }
        });
    }
}
