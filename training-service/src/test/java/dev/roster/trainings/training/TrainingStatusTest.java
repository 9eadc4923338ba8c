package dev.roster.trainings.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A training's and a learner's status, derived from session dates and marked attendance. */
class TrainingStatusTest {

    static final Instant NOW = Instant.parse("2026-06-15T10:00:00Z");

    // A whole training

    @Test
    void trainingWithoutSessionsHasNotStarted() {
        assertThat(TrainingStatus.of(List.of(), true, NOW)).isEqualTo(TrainingStatus.NOT_STARTED);
    }

    @Test
    void trainingHasNotStartedBeforeItsFirstSession() {
        List<TrainingSession> sessions = List.of(session(NOW.plusNanos(1)), session(NOW.plus(Duration.ofDays(7))));

        assertThat(TrainingStatus.of(sessions, true, NOW)).isEqualTo(TrainingStatus.NOT_STARTED);
    }

    @Test
    void trainingIsInProgressExactlyWhenItsFirstSessionStarts() {
        List<TrainingSession> sessions = List.of(session(NOW), session(NOW.plus(Duration.ofDays(7))));

        assertThat(TrainingStatus.of(sessions, true, NOW)).isEqualTo(TrainingStatus.IN_PROGRESS);
    }

    @Test
    void trainingIsInProgressBetweenItsSessions() {
        List<TrainingSession> sessions = List.of(session(NOW.minus(Duration.ofDays(7))), session(NOW.plus(Duration.ofDays(7))));

        assertThat(TrainingStatus.of(sessions, true, NOW)).isEqualTo(TrainingStatus.IN_PROGRESS);
    }

    @Test
    void trainingAwaitsAttendanceOnceItsLastSessionEndedAndAttendanceIsMissing() {
        List<TrainingSession> sessions = List.of(session(NOW.minus(Duration.ofDays(7))), endingAt(NOW));

        assertThat(TrainingStatus.of(sessions, true, NOW)).isEqualTo(TrainingStatus.AWAITING_ATTENDANCE);
    }

    @Test
    void trainingIsCompletedOnceItsSessionsEndedAndAllAttendanceIsMarked() {
        List<TrainingSession> sessions = List.of(session(NOW.minus(Duration.ofDays(7))), endingAt(NOW));

        assertThat(TrainingStatus.of(sessions, false, NOW)).isEqualTo(TrainingStatus.COMPLETED);
    }

    // One learner's session

    @Test
    void learnerWithoutASessionHasNotStarted() {
        assertThat(TrainingStatus.of((TrainingSession) null, false, NOW)).isEqualTo(TrainingStatus.NOT_STARTED);
    }

    @Test
    void learnersSessionHasNotStartedOneNanosecondBeforeItsStart() {
        assertThat(TrainingStatus.of(session(NOW.plusNanos(1)), false, NOW)).isEqualTo(TrainingStatus.NOT_STARTED);
    }

    @Test
    void learnersSessionIsInProgressExactlyAtItsStart() {
        assertThat(TrainingStatus.of(session(NOW), false, NOW)).isEqualTo(TrainingStatus.IN_PROGRESS);
    }

    @Test
    void learnersSessionIsInProgressOneNanosecondBeforeItsEnd() {
        assertThat(TrainingStatus.of(endingAt(NOW.plusNanos(1)), false, NOW)).isEqualTo(TrainingStatus.IN_PROGRESS);
    }

    @Test
    void learnersEndedSessionAwaitsAttendanceUntilItIsMarked() {
        assertThat(TrainingStatus.of(endingAt(NOW), false, NOW)).isEqualTo(TrainingStatus.AWAITING_ATTENDANCE);
    }

    @Test
    void learnersEndedSessionIsCompletedOnceAttendanceIsMarked() {
        assertThat(TrainingStatus.of(endingAt(NOW), true, NOW)).isEqualTo(TrainingStatus.COMPLETED);
    }

    private static TrainingSession session(Instant startsAt) {
        return new TrainingSession(UUID.randomUUID(), UUID.randomUUID(), startsAt, startsAt.plus(Duration.ofHours(2)),
                "Room 1", 10);
    }

    private static TrainingSession endingAt(Instant endsAt) {
        return session(endsAt.minus(Duration.ofHours(2)));
    }
}
