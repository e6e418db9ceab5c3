package io.conduit.media.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.contracts.jobs.JobEvent;
import io.conduit.contracts.jobs.JobKind;
import io.conduit.contracts.jobs.JobOutput;
import io.conduit.contracts.pricing.ImageRate;
import io.conduit.contracts.pricing.MediaRates;
import io.conduit.contracts.pricing.PriceCatalog;
import io.conduit.contracts.pricing.PriceCatalogSnapshot;
import io.conduit.contracts.pricing.PriceEntry;
import io.conduit.contracts.pricing.SpendCalculator;
import io.conduit.contracts.pricing.VideoRate;
import io.conduit.contracts.spend.SpendRecord;
import io.conduit.contracts.usage.MediaUsage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the ledger charges for each kind of finished job, from the usage event media-jobs emits
 * ({@link JobUsage}) and the ledger's own calculator: images by count and size, video by seconds and
 * resolution, transcription by minutes of audio, speech by characters; failed jobs nothing.
 */
class JobUsagePricingTest {

    static final Instant SINCE = Instant.parse("2026-07-01T00:00:00Z");
    static final Instant NOW = Instant.parse("2026-11-24T06:00:00Z");

    static PriceEntry media(String model, MediaRates rates) {
        return new PriceEntry(model, "*", SINCE, null, "media", null, null, rates, null, null, "test");
    }

    final PriceCatalog catalog = PriceCatalog.of(new PriceCatalogSnapshot(1, "test.1", SINCE, "USD", "test", List.of(
            media("dall-e-3", new MediaRates(List.of(new ImageRate("1024x1024", "standard", new BigDecimal("0.04")),
                    new ImageRate("1024x1792", "hd", new BigDecimal("0.12"))), null, null, null)),
            media("sora-2", new MediaRates(null, List.of(new VideoRate("1280x720", new BigDecimal("0.10")),
                    new VideoRate("1792x1024", new BigDecimal("0.50"))), null, null)),
            media("whisper-1", new MediaRates(null, null, new BigDecimal("0.006"), null)),
            media("tts-1", new MediaRates(null, null, null, new BigDecimal("0.015")))), List.of()));
    final SpendCalculator ledger = new SpendCalculator(Clock.fixed(NOW, ZoneOffset.UTC));

    SpendRecord priced(JobKind kind, String model, MediaUsage media) {
        Job queued = Job.queued("job_1", kind, "k1", null, "alias", "req-1", "{}", Map.of(), null, NOW.minusSeconds(30));
        JobEvent completed = new JobEvent("job_1:completed", "job_1", JobEvent.Type.COMPLETED, NOW, "openai", model, "t", 100,
                List.of(new JobOutput("out", "jobs/job_1/out", "application/octet-stream", 1)), media, 0, 0, null, null, "w");
        Job done = JobStateMachine.apply(queued, completed, NOW);
        return ledger.price(JobUsage.of(done, completed).orElseThrow(), catalog);
    }

    @Test
    void images_by_count_and_size() {
        assertThat(priced(JobKind.IMAGE, "dall-e-3", new MediaUsage(2, "1024x1024", "standard", 0, null, 0, 0)).totalMicros())
                .isEqualTo(80_000);
        assertThat(priced(JobKind.IMAGE, "dall-e-3", new MediaUsage(1, "1024x1792", "hd", 0, null, 0, 0)).totalMicros())
                .isEqualTo(120_000);
    }

    @Test
    void video_by_seconds_and_resolution() {
        assertThat(priced(JobKind.VIDEO, "sora-2", new MediaUsage(0, null, null, 8, "1280x720", 0, 0)).totalMicros())
                .isEqualTo(800_000);
        assertThat(priced(JobKind.VIDEO, "sora-2", new MediaUsage(0, null, null, 4, "1792x1024", 0, 0)).totalMicros())
                .isEqualTo(2_000_000);
    }

    @Test
    void audio_by_minutes_and_speech_by_characters() {
        // 90 s of audio at $0.006 a minute
        assertThat(priced(JobKind.TRANSCRIPTION, "whisper-1", new MediaUsage(0, null, null, 0, null, 90_000, 0)).totalMicros())
                .isEqualTo(9_000);
        // 2,000 characters at $0.015 per thousand
        assertThat(priced(JobKind.SPEECH, "tts-1", new MediaUsage(0, null, null, 0, null, 0, 2_000)).totalMicros())
                .isEqualTo(30_000);
    }

    @Test
    void a_failed_job_is_recorded_at_zero() {
        Job queued = Job.queued("job_2", JobKind.VIDEO, "k1", null, "alias", "req-2", "{}", Map.of(), null, NOW.minusSeconds(30));
        JobEvent failed = new JobEvent("job_2:failed", "job_2", JobEvent.Type.FAILED, NOW, "openai", "sora-2", "t", null, List.of(),
                null, 0, 0, "moderation_blocked", "blocked", "w");
        SpendRecord spend = ledger.price(JobUsage.of(JobStateMachine.apply(queued, failed, NOW), failed).orElseThrow(), catalog);
        assertThat(spend.totalMicros()).isZero();
    }
}
