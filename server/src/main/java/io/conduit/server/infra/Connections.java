package io.conduit.server.infra;

import io.conduit.server.settings.DatabaseUrl;
import io.conduit.server.settings.S3Settings;

/** Where this process finds Kafka, PostgreSQL and the object store, embedded or external. */
public record Connections(String kafkaBootstrap, DatabaseUrl database, S3Settings s3) {}
