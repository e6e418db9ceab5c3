package io.conduit.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void restart_keeps_topics_and_records() throws Exception {
        int port = Loopback.freePort();
        EmbeddedKafka.Config config = EmbeddedKafka.Config.of(dir.resolve("kafka")).withPort(port);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(config)) {
            assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            createTopic(kafka, "kept");
            produce(kafka, "kept", "k", "before restart");
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(config)) {
            assertThat(kafka.port()).isEqualTo(port);
            try (Admin admin = admin(kafka)) {
                assertThat(admin.listTopics().names().get()).contains("kept");
            }
            assertThat(consumeValues(kafka, "kept", 1, false)).containsExactly("before restart");
        }
    }

    @Test
    void independent_instances_run_side_by_side() throws Exception {
        try (EmbeddedKafka first = EmbeddedKafka.start(EmbeddedKafka.Config.of(dir.resolve("a")));
             EmbeddedKafka second = EmbeddedKafka.start(EmbeddedKafka.Config.of(dir.resolve("b")))) {
            assertThat(first.port()).isNotEqualTo(second.port());
            createTopic(first, "only-in-first");
            try (Admin admin = admin(second)) {
                assertThat(admin.listTopics().names().get()).doesNotContain("only-in-first");
            }
        }
    }

    @Test
    void topics_are_not_created_on_first_use() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Config.of(dir.resolve("kafka")));
             Admin admin = admin(kafka)) {
            createTopic(kafka, "existing");
            Properties props = clientProps(kafka);
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "probe");
            try (KafkaConsumer<String, String> consumer =
                         new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("missing"));
                consumer.poll(Duration.ofMillis(500));
            }
            assertThat(admin.listTopics().names().get()).contains("existing").doesNotContain("missing");
        }
    }

    @Test
    void exactly_once_streams_work_on_a_single_node() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Config.of(dir.resolve("kafka")))) {
            createTopic(kafka, "words");
            createTopic(kafka, "shouted");
            StreamsBuilder builder = new StreamsBuilder();
            builder.<String, String>stream("words").mapValues(v -> v.toUpperCase()).to("shouted");
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "shouter-" + UUID.randomUUID());
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("streams").toString());
            props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
            props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
            try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
                streams.start();
                produce(kafka, "words", "1", "hello");
                produce(kafka, "words", "2", "world");
                assertThat(consumeValues(kafka, "shouted", 2, true)).containsExactly("HELLO", "WORLD");
            }
        }
    }

    private static void createTopic(EmbeddedKafka kafka, String topic) throws Exception {
        try (Admin admin = admin(kafka)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
    }

    private static void produce(EmbeddedKafka kafka, String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(clientProps(kafka), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** Reads from the beginning until {@code count} values arrived, or fails at the deadline. */
    private static List<String> consumeValues(EmbeddedKafka kafka, String topic, int count, boolean readCommitted) {
        Properties props = clientProps(kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
        List<String> values = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            while (values.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    private static Admin admin(EmbeddedKafka kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private static Properties clientProps(EmbeddedKafka kafka) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return props;
    }
}
