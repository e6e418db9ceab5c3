import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Prints the sum of the end offsets of every partition of a topic (default conduit.usage.v1).
 * bench/run.sh runs it with the kafka-clients jar taken from conduit.jar, before and after a
 * gateway throughput run: the difference is the number of usage records produced meanwhile
 * (the gateway's producer is idempotent and not transactional, so one record = one offset).
 *
 * Usage: java -cp 'lib/*' UsageOffsets.java BOOTSTRAP [TOPIC]
 */
public final class UsageOffsets {
    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args.length > 1 ? args[1] : "conduit.usage.v1";
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "conduit-bench-offsets");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20000);
        try (Admin admin = Admin.create(props)) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get()
                    .get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
            for (int p = 0; p < partitions; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
                    admin.listOffsets(request).all().get();
            long total = result.values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
            System.out.println(total);
        }
    }
}
