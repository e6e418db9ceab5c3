package io.conduit.admin.jobs;

import io.conduit.admin.budgets.KeyGroupStore;
import io.conduit.admin.web.AdminException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * How long a key group's job results are kept after their jobs end ({@code job_retention_days});
 * {@code null} means the server's {@code CONDUIT_JOBS_RETENTION}. Applies to jobs ending from now on.
 */
@RestController
public class JobRetentionController {

    /** @param days 1..3650, or null for the server's default */
    public record RetentionRequest(Integer days) {}

    private final KeyGroupStore groups;
    private final JdbcClient jdbc;

    public JobRetentionController(KeyGroupStore groups, DataSource dataSource) {
        this.groups = groups;
        this.jdbc = JdbcClient.create(dataSource);
    }

    @GetMapping("/api/key-groups/{id}/job-retention")
    public Map<String, Object> get(@PathVariable("id") String id) {
        String groupId = groupId(id);
        Integer days = jdbc.sql("select job_retention_days from key_groups where id = cast(? as uuid)").param(groupId)
                .query((rs, n) -> {
                    int value = rs.getInt(1);
                    return rs.wasNull() ? null : value;
                }).optional().orElse(null);
        return view(groupId, days);
    }

    @PutMapping("/api/key-groups/{id}/job-retention")
    public Map<String, Object> put(@PathVariable("id") String id, @RequestBody RetentionRequest request) {
        String groupId = groupId(id);
        Integer days = request == null ? null : request.days();
        if (days != null && (days < 1 || days > 3650)) {
            throw AdminException.badRequest("days", "'days' must be between 1 and 3650, or null for the server's default.");
        }
        jdbc.sql("update key_groups set job_retention_days = ?, updated_at = now() where id = cast(? as uuid)")
                .params(days, groupId).update();
        return view(groupId, days);
    }

    private String groupId(String id) {
        return groups.find(id).orElseThrow(() -> AdminException.notFound("Key group", id)).id();
    }

    private static Map<String, Object> view(String groupId, Integer days) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("key_group_id", groupId);
        view.put("days", days);
        return view;
    }
}
