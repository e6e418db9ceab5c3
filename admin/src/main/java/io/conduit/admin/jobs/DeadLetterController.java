package io.conduit.admin.jobs;

import io.conduit.admin.web.AdminException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operators' view of job requests the workers gave up on, and their redrive. */
@RestController
public class DeadLetterController {

    private final DeadLetters letters;

    public DeadLetterController(DeadLetters letters) {
        this.letters = letters;
    }

    @GetMapping("/api/jobs/dead-letters")
    public Map<String, Object> list() {
        List<DeadLetters.DeadLetter> all = letters.list();
        return Map.of("object", "list", "data", all.stream().map(DeadLetterController::view).toList());
    }

    @PostMapping("/api/jobs/dead-letters/{offset}/redrive")
    public Map<String, Object> redrive(@PathVariable("offset") String offset) throws InterruptedException {
        long position;
        try {
            position = Long.parseLong(offset);
        } catch (NumberFormatException e) {
            throw AdminException.badRequest("offset", "'offset' must be the dead letter's offset, a number.");
        }
        DeadLetters.DeadLetter letter = letters.find(position)
                .orElseThrow(() -> AdminException.notFound("Dead letter", offset));
        if (letter.request() == null) {
            throw AdminException.badRequest("offset", "This dead letter is not a readable job request; it cannot be redriven.");
        }
        try {
            var again = letters.redrive(letter);
            Map<String, Object> view = view(letter);
            view.put("redriven", true);
            view.put("redrive", again.redrive());
            return view;
        } catch (ExecutionException | TimeoutException e) {
            throw new AdminException(503, "api_error", "unavailable", null, "Kafka did not take the request; try again.");
        }
    }

    private static Map<String, Object> view(DeadLetters.DeadLetter letter) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("offset", letter.offset());
        view.put("job_id", letter.jobId());
        view.put("reason", letter.reason());
        view.put("at", letter.at().toString());
        if (letter.request() != null) {
            view.put("kind", letter.request().kind().id());
            view.put("model", letter.request().alias());
            view.put("key_id", letter.request().keyId());
            view.put("key_group_id", letter.request().keyGroupId());
            view.put("redrive", letter.request().redrive());
        } else {
            view.put("raw", letter.raw());
        }
        return view;
    }
}
