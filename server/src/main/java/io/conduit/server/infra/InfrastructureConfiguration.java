package io.conduit.server.infra;

import io.conduit.contracts.security.CredentialCipher;
import io.conduit.ingress.health.ReadinessCheck;
import io.conduit.server.settings.S3Settings;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Shared infrastructure beans: the credential cipher, the object store, and readiness checks. */
@Configuration(proxyBeanMethods = false)
public class InfrastructureConfiguration {

    @Bean
    CredentialCipher credentialCipher(@Value("${conduit.encryption-key}") String key) {
        return CredentialCipher.fromBase64(key);
    }

    @Bean(destroyMethod = "close")
    S3Client s3Client(@Value("${conduit.s3.endpoint:#{null}}") String endpoint, @Value("${conduit.s3.region}") String region,
            @Value("${conduit.s3.bucket}") String bucket, @Value("${conduit.s3.access-key:#{null}}") String accessKey,
            @Value("${conduit.s3.secret-key:#{null}}") String secretKey, @Value("${conduit.s3.path-style}") boolean pathStyle) {
        S3Client client = ObjectStore.client(new S3Settings(endpoint, region, bucket, accessKey, secretKey, pathStyle));
        ObjectStore.ensureBucket(client, bucket);
        return client;
    }

    @Bean(destroyMethod = "close")
    S3Presigner s3Presigner(@Value("${conduit.s3.endpoint:#{null}}") String endpoint, @Value("${conduit.s3.region}") String region,
            @Value("${conduit.s3.bucket}") String bucket, @Value("${conduit.s3.access-key:#{null}}") String accessKey,
            @Value("${conduit.s3.secret-key:#{null}}") String secretKey, @Value("${conduit.s3.path-style}") boolean pathStyle) {
        return ObjectStore.presigner(new S3Settings(endpoint, region, bucket, accessKey, secretKey, pathStyle));
    }

    @Bean(destroyMethod = "close")
    Admin readinessKafkaAdmin(@Value("${conduit.kafka.bootstrap-servers}") String bootstrap) {
        return ReadinessChecks.kafkaAdmin(bootstrap);
    }

    @Bean
    ReadinessCheck kafkaReadiness(Admin readinessKafkaAdmin) {
        return ReadinessChecks.kafka(readinessKafkaAdmin);
    }

    @Bean
    ReadinessCheck postgresReadiness(DataSource dataSource) {
        return ReadinessChecks.postgres(dataSource);
    }

    @Bean
    ReadinessCheck s3Readiness(S3Client s3, @Value("${conduit.s3.bucket}") String bucket) {
        return ReadinessChecks.s3(s3, bucket);
    }
}
