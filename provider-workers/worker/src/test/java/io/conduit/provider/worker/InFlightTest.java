package io.conduit.provider.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InFlightTest {

    @Test
    void commits_only_up_to_the_first_job_still_running() {
        InFlight flight = new InFlight();
        assertThat(flight.committable()).isEmpty();
        flight.taken(10);
        flight.taken(11);
        flight.taken(12);
        assertThat(flight.committable()).hasValue(10);
        flight.finished(11);
        assertThat(flight.committable()).as("10 still runs").hasValue(10);
        flight.finished(10);
        assertThat(flight.committable()).hasValue(12);
        flight.finished(12);
        assertThat(flight.committable()).as("one past the last").hasValue(13);
        assertThat(flight.running()).isZero();
    }

    @Test
    void a_handover_stops_a_waiting_job_at_once_but_lets_a_submission_finish() {
        Handover waiting = new Handover();
        waiting.bind(Thread.currentThread());
        waiting.request();
        assertThat(Thread.interrupted()).as("interrupted while waiting").isTrue();
        assertThatThrownBy(waiting::enterCritical).isInstanceOf(ProviderHttp.JobInterrupted.class);

        Handover submitting = new Handover();
        submitting.bind(Thread.currentThread());
        submitting.enterCritical();
        submitting.request();
        assertThat(Thread.interrupted()).as("not interrupted inside a submission").isFalse();
        submitting.leaveCritical();
        assertThatThrownBy(submitting::checkpoint).isInstanceOf(ProviderHttp.JobInterrupted.class);
    }
}
