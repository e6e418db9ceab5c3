package io.conduit.server.infra;

import io.conduit.contracts.topic.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates Conduit's topics at start with explicit partitions, cleanup policy and retention; existing ones are left alone. */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {}

    public static void ensure(String bootstrapServers, List<Topic<?, ?>> topics, Short replicationFactor, Duration timeout) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "conduit-topic-provisioner",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000)))) {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), Optional.of(t.partitions()), Optional.ofNullable(replicationFactor))
                            .configs(t.creationConfigs()))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                missing.forEach(t -> log.info("Created topic {} ({} partitions)", t.name(), t.numPartitions()));
                awaitLeaders(admin, missing.stream().map(NewTopic::name).toList(), timeout);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw new IllegalStateException("Cannot create Kafka topics at " + bootstrapServers + ": " + e.getCause(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }

    /**
     * Waits until every partition of the new topics has a leader: writers starting right after creation
     * otherwise meet "not leader" answers while the metadata spreads, and an idempotent producer
     * retrying through them can fail its batches out of sequence.
     */
    private static void awaitLeaders(Admin admin, List<String> names, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean led = admin.describeTopics(names).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS).values()
                    .stream().flatMap(topic -> topic.partitions().stream()).allMatch(partition -> partition.leader() != null
                            && !partition.leader().isEmpty());
            if (led) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("partitions of " + names + " have no leader after " + timeout);
            }
            Thread.sleep(50);
        }
    }
}
