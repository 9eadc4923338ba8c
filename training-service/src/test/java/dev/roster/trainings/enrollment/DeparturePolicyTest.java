package dev.roster.trainings.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.events.user.UserStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeparturePolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void onlyTheEndOfEmploymentDropsEnrollments() {
        assertThat(DeparturePolicy.dropsEnrollments(UserStatus.EMPLOYMENT_ENDED)).isTrue();
        assertThat(DeparturePolicy.dropsEnrollments(UserStatus.INACTIVE)).as("an inactive learner keeps their seats").isFalse();
        assertThat(DeparturePolicy.dropsEnrollments(UserStatus.ACTIVE)).isFalse();
    }

    @Test
    void anEnrollmentIsUpcomingUntilItsSessionStarts() {
        assertThat(DeparturePolicy.upcoming(NOW.plusSeconds(1), NOW)).isTrue();
        assertThat(DeparturePolicy.upcoming(null, NOW)).as("no session chosen yet").isTrue();
        assertThat(DeparturePolicy.upcoming(NOW, NOW)).as("starting now: started").isFalse();
        assertThat(DeparturePolicy.upcoming(NOW.minusSeconds(3600), NOW)).isFalse();
    }

    @Test
    void onlyAnActiveLearnerIsSeatedFromAWaitlist() {
        assertThat(DeparturePolicy.seatable(UserStatus.ACTIVE)).isTrue();
        assertThat(DeparturePolicy.seatable(UserStatus.INACTIVE)).isFalse();
        assertThat(DeparturePolicy.seatable(UserStatus.EMPLOYMENT_ENDED)).isFalse();
        assertThat(DeparturePolicy.seatableStatus()).isEqualTo(UserStatus.ACTIVE.name());
    }
}
