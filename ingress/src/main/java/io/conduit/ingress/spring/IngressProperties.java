package io.conduit.ingress.spring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the ingress role ({@code conduit.ingress.*}).
 *
 * @param host address to listen on
 * @param port gateway API port
 * @param maxBodyBytes largest request body accepted (413 above)
 * @param connectTimeout connecting to a provider
 * @param readTimeout longest silence from a provider before the call fails (504, or an error event mid-stream)
 * @param maxConnectionsPerHost pooled connections to one provider host
 * @param usageQueueCapacity usage events buffered in memory for the Kafka sender
 * @param configReloadInterval full configuration reload besides change events
 */
@ConfigurationProperties("conduit.ingress")
public record IngressProperties(
        @DefaultValue("0.0.0.0") String host,
        @DefaultValue("5000") int port,
        @DefaultValue("20971520") int maxBodyBytes,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("600s") Duration readTimeout,
        @DefaultValue("1000") int maxConnectionsPerHost,
        @DefaultValue("100000") int usageQueueCapacity,
        @DefaultValue("30s") Duration configReloadInterval) {}
