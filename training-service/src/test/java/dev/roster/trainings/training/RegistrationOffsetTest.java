package dev.roster.trainings.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Registration and cancellation deadlines: exact hours, calendar days, weeks and months in the training's zone. */
class RegistrationOffsetTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void hoursAreAnExactDuration() {
        Instant start = Instant.parse("2026-06-15T10:00:00Z");

        assertThat(offset(5, OffsetUnit.HOURS).before(start, BERLIN)).isEqualTo(Instant.parse("2026-06-15T05:00:00Z"));
    }

    @Test
    void hoursStayExactAcrossSpringForward() {
        Instant start = berlin("2026-03-29T09:00");

        assertThat(offset(24, OffsetUnit.HOURS).before(start, BERLIN)).isEqualTo(start.minus(Duration.ofHours(24)))
                .isEqualTo(berlin("2026-03-28T08:00"));
    }

    @Test
    void hoursStayExactAcrossFallBack() {
        Instant start = berlin("2026-10-25T09:00");

        assertThat(offset(24, OffsetUnit.HOURS).before(start, BERLIN)).isEqualTo(start.minus(Duration.ofHours(24)))
                .isEqualTo(berlin("2026-10-24T10:00"));
    }

    @Test
    void oneDayBeforeSpringForwardKeepsTheWallClockTimeAndIsOnlyTwentyThreeHours() {
        Instant start = berlin("2026-03-29T09:00");

        Instant oneDay = offset(1, OffsetUnit.DAYS).before(start, BERLIN);

        assertThat(oneDay).isEqualTo(berlin("2026-03-28T09:00"));
        assertThat(Duration.between(oneDay, offset(24, OffsetUnit.HOURS).before(start, BERLIN))).hasHours(-1);
    }

    @Test
    void oneDayBeforeFallBackKeepsTheWallClockTimeAndIsTwentyFiveHours() {
        Instant start = berlin("2026-10-25T09:00");

        Instant oneDay = offset(1, OffsetUnit.DAYS).before(start, BERLIN);

        assertThat(oneDay).isEqualTo(berlin("2026-10-24T09:00"));
        assertThat(Duration.between(oneDay, offset(24, OffsetUnit.HOURS).before(start, BERLIN))).hasHours(1);
    }

    @Test
    void weeksKeepTheWallClockTimeAcrossSpringForward() {
        assertThat(offset(1, OffsetUnit.WEEKS).before(berlin("2026-04-02T09:00"), BERLIN))
                .isEqualTo(berlin("2026-03-26T09:00"));
    }

    @Test
    void weeksKeepTheWallClockTimeAcrossFallBack() {
        assertThat(offset(2, OffsetUnit.WEEKS).before(berlin("2026-11-03T09:00"), BERLIN))
                .isEqualTo(berlin("2026-10-20T09:00"));
    }

    @Test
    void oneMonthBeforeTheThirtyFirstOfMarchIsTheEndOfFebruaryAtTheSameWallClockTime() {
        assertThat(offset(1, OffsetUnit.MONTHS).before(berlin("2026-03-31T09:00"), BERLIN))
                .isEqualTo(berlin("2026-02-28T09:00"));
    }

    @Test
    void oneMonthBeforeTheThirtyFirstOfMayIsTheThirtiethOfApril() {
        assertThat(offset(1, OffsetUnit.MONTHS).before(berlin("2026-05-31T09:00"), BERLIN))
                .isEqualTo(berlin("2026-04-30T09:00"));
    }

    @Test
    void oneMonthBeforeLateMarchInALeapYearIsTheTwentyNinthOfFebruary() {
        assertThat(offset(1, OffsetUnit.MONTHS).before(berlin("2028-03-30T09:00"), BERLIN))
                .isEqualTo(berlin("2028-02-29T09:00"));
        assertThat(offset(1, OffsetUnit.MONTHS).before(berlin("2028-03-31T09:00"), BERLIN))
                .isEqualTo(berlin("2028-02-29T09:00"));
    }

    @Test
    void twelveMonthsBeforeALeapDayIsTheTwentyEighthOfFebruary() {
        assertThat(offset(12, OffsetUnit.MONTHS).before(berlin("2028-02-29T09:00"), BERLIN))
                .isEqualTo(berlin("2027-02-28T09:00"));
    }

    @Test
    void monthsCountedFromAShortMonthKeepTheDayOfMonth() {
        assertThat(offset(1, OffsetUnit.MONTHS).before(berlin("2026-04-30T09:00"), BERLIN))
                .isEqualTo(berlin("2026-03-30T09:00"));
    }

    @ParameterizedTest
    @EnumSource(OffsetUnit.class)
    void amountZeroIsTheStartItself(OffsetUnit unit) {
        Instant start = berlin("2026-03-29T09:00");

        assertThat(offset(0, unit).before(start, BERLIN)).isEqualTo(start);
    }

    @Test
    void registrationDeadlineIsTheStartWithoutARestriction() {
        TrainingSession session = session(berlin("2026-06-15T09:00"));

        assertThat(training(null, null).registrationDeadline(session)).isEqualTo(session.startsAt());
    }

    @Test
    void registrationDeadlineFollowsTheStopRegistrationOffsetInTheTrainingsZone() {
        TrainingSession session = session(berlin("2026-03-29T09:00"));

        assertThat(training(offset(1, OffsetUnit.DAYS), null).registrationDeadline(session))
                .isEqualTo(berlin("2026-03-28T09:00"));
    }

    @Test
    void registrationIsClosedExactlyAtTheDeadline() {
        TrainingSession session = session(berlin("2026-06-15T09:00"));
        Training training = training(offset(2, OffsetUnit.DAYS), null);

        assertThat(training.registrationOpen(session, berlin("2026-06-13T09:00"))).isFalse();
    }

    @Test
    void registrationIsOpenOneNanosecondBeforeTheDeadline() {
        TrainingSession session = session(berlin("2026-06-15T09:00"));
        Training training = training(offset(2, OffsetUnit.DAYS), null);

        assertThat(training.registrationOpen(session, berlin("2026-06-13T09:00").minusNanos(1))).isTrue();
    }

    @Test
    void registrationIsOpenOneMillisecondBeforeTheDeadline() {
        TrainingSession session = session(berlin("2026-06-15T09:00"));
        Training training = training(offset(2, OffsetUnit.DAYS), null);

        assertThat(training.registrationOpen(session, berlin("2026-06-13T09:00").minusMillis(1))).isTrue();
    }

    @Test
    void registrationWithoutARestrictionClosesWhenTheSessionStarts() {
        TrainingSession session = session(berlin("2026-06-15T09:00"));
        Training training = training(null, null);

        assertThat(training.registrationOpen(session, session.startsAt().minusNanos(1))).isTrue();
        assertThat(training.registrationOpen(session, session.startsAt())).isFalse();
    }

    @Test
    void cancellationDeadlineIsNullWithoutARestriction() {
        assertThat(training(offset(1, OffsetUnit.DAYS), null).cancellationDeadline(session(berlin("2026-06-15T09:00"))))
                .isNull();
    }

    @Test
    void cancellationDeadlineFollowsTheStopCancellationOffset() {
        TrainingSession session = session(berlin("2026-10-25T09:00"));

        assertThat(training(null, offset(1, OffsetUnit.WEEKS)).cancellationDeadline(session))
                .isEqualTo(berlin("2026-10-18T09:00"));
    }

    private static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    private static RegistrationOffset offset(int amount, OffsetUnit unit) {
        return new RegistrationOffset(amount, unit);
    }

    private static TrainingSession session(Instant startsAt) {
        return new TrainingSession(UUID.randomUUID(), UUID.randomUUID(), startsAt, startsAt.plus(Duration.ofHours(2)),
                "Room 1", 10);
    }

    private static Training training(RegistrationOffset stopRegistration, RegistrationOffset stopCancellation) {
        return new Training(UUID.randomUUID(), UUID.randomUUID(), "First aid", "", BERLIN, SessionSelection.LEARNER,
                stopRegistration, stopCancellation, false, false, true, Instant.parse("2026-01-01T00:00:00Z"), 0);
    }
}
