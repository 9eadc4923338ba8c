package dev.roster.trainings.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CourseProgressTest {

    private static final Instant STARTED = Instant.parse("2026-12-02T09:00:00Z");
    private static final Instant COMPLETED = Instant.parse("2026-12-03T09:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private static final CourseProgress FRESH = new CourseProgress(0, null, null);

    // the status that goes with a progress

    @Test
    void theStatusIsAssignedAtZeroInProgressAboveAndCompletedAtOneHundred() {
        assertThat(CourseProgress.statusOf(0)).isEqualTo(AssignmentStatus.ASSIGNED);
        for (int progress = 1; progress < 100; progress++) {
            assertThat(CourseProgress.statusOf(progress)).as("%d%%", progress).isEqualTo(AssignmentStatus.IN_PROGRESS);
        }
        assertThat(CourseProgress.statusOf(100)).isEqualTo(AssignmentStatus.COMPLETED);
        assertThat(new CourseProgress(40, STARTED, null).status()).isEqualTo(AssignmentStatus.IN_PROGRESS);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 101, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void aProgressOutsideZeroToOneHundredIsRefused(int progress) {
        assertThatIllegalArgumentException().isThrownBy(() -> CourseProgress.statusOf(progress));
        assertThatIllegalArgumentException().isThrownBy(() -> new CourseProgress(progress, null, null));
        assertThatIllegalArgumentException().isThrownBy(() -> FRESH.report(progress, NOW));
        assertThatIllegalArgumentException().isThrownBy(() -> CourseProgress.mean(List.of(50, progress)));
    }

    // a course, by what its learner reports

    @Test
    void aFirstReportAboveZeroStartsACourse() {
        CourseProgress started = FRESH.report(40, NOW);

        assertThat(started).isEqualTo(new CourseProgress(40, NOW, null));
        assertThat(started.status()).isEqualTo(AssignmentStatus.IN_PROGRESS);
    }

    @Test
    void reportingZeroOnANewCourseChangesNothing() {
        assertThat(FRESH.report(0, NOW)).isEqualTo(FRESH);
        assertThat(FRESH.report(0, NOW).status()).isEqualTo(AssignmentStatus.ASSIGNED);
    }

    @Test
    void aCourseNeverGoesBackwards() {
        CourseProgress at40 = new CourseProgress(40, STARTED, null);

        assertThat(at40.report(20, NOW)).isEqualTo(at40);
        assertThat(at40.report(0, NOW)).isEqualTo(at40);
        assertThat(at40.report(40, NOW)).isEqualTo(at40);
    }

    @Test
    void aCourseKeepsTheTimeItStarted() {
        assertThat(new CourseProgress(40, STARTED, null).report(60, NOW)).isEqualTo(new CourseProgress(60, STARTED, null));
    }

    @Test
    void aCourseCompletesAtOneHundredAndNotBefore() {
        CourseProgress at40 = new CourseProgress(40, STARTED, null);

        assertThat(at40.report(99, NOW)).isEqualTo(new CourseProgress(99, STARTED, null));
        CourseProgress completed = at40.report(100, NOW);
        assertThat(completed).isEqualTo(new CourseProgress(100, STARTED, NOW));
        assertThat(completed.status()).isEqualTo(AssignmentStatus.COMPLETED);
    }

    @Test
    void reportingOneHundredStraightAwayStartsAndCompletesACourseAtOnce() {
        assertThat(FRESH.report(100, NOW)).isEqualTo(new CourseProgress(100, NOW, NOW));
    }

    @Test
    void aCompletedCourseStaysCompletedWithItsTimes() {
        CourseProgress completed = new CourseProgress(100, STARTED, COMPLETED);

        assertThat(completed.report(10, NOW)).isEqualTo(completed);
        assertThat(completed.report(100, NOW)).as("completed once, at its first 100").isEqualTo(completed);
    }

    // a program, by its courses

    @Test
    void aProgramIsTheMeanOfItsCourses() {
        assertThat(CourseProgress.mean(List.of(100, 0))).isEqualTo(50);
        assertThat(CourseProgress.mean(List.of(100, 50))).isEqualTo(75);
        assertThat(CourseProgress.mean(List.of(100, 100, 100))).isEqualTo(100);
        assertThat(CourseProgress.mean(List.of(0, 0))).isZero();
        for (int progress = 0; progress <= 100; progress++) {
            assertThat(CourseProgress.mean(List.of(progress))).as("one course at %d%%", progress).isEqualTo(progress);
        }
    }

    @Test
    void aCourseNotOpenCountsAsZero() {
        assertThat(CourseProgress.mean(Arrays.asList(100, null))).isEqualTo(50);
        assertThat(CourseProgress.mean(Arrays.asList(null, null))).isZero();
    }

    @Test
    void aProgramWithoutCoursesIsAtZero() {
        assertThat(CourseProgress.mean(List.of())).isZero();
        assertThat(FRESH.follow(List.of(), NOW)).as("not completed by having nothing to do").isEqualTo(FRESH);
    }

    @Test
    void theMeanIsRoundedToAWholePercentHalvesUp() {
        assertThat(CourseProgress.mean(List.of(0, 1))).as("0.5").isEqualTo(1);
        assertThat(CourseProgress.mean(List.of(1, 2))).as("1.5").isEqualTo(2);
        assertThat(CourseProgress.mean(List.of(0, 0, 1))).as("0.33").isZero();
        assertThat(CourseProgress.mean(List.of(0, 1, 1))).as("0.67").isEqualTo(1);
        assertThat(CourseProgress.mean(List.of(33, 33, 34))).as("33.33").isEqualTo(33);
        assertThat(CourseProgress.mean(List.of(99, 99, 100))).as("99.33").isEqualTo(99);
        assertThat(CourseProgress.mean(List.of(100, 99))).as("99.5").isEqualTo(100);
    }

    @Test
    void theMeanRoundsHalvesUpForEveryPairAndManyTriplesOfCourses() {
        for (int a = 0; a <= 100; a++) {
            for (int b = 0; b <= 100; b++) {
                assertThat(CourseProgress.mean(List.of(a, b))).as("%d, %d", a, b).isEqualTo(roundedAverage(a, b));
            }
        }
        for (int a = 0; a <= 100; a += 3) {
            for (int b = 0; b <= 100; b += 7) {
                for (int c = 0; c <= 100; c++) {
                    assertThat(CourseProgress.mean(List.of(a, b, c))).as("%d, %d, %d", a, b, c)
                            .isEqualTo(roundedAverage(a, b, c));
                }
            }
        }
    }

    @Test
    void aLargeProgramWithOneCourseUntouchedIsNotCompletedThoughItsMeanRoundsTo100() {
        List<Integer> courses = new ArrayList<>(Collections.nCopies(199, 100));
        courses.add(0);

        assertThat(CourseProgress.mean(courses)).as("99.5 of 200 courses").isEqualTo(100);
        assertThat(CourseProgress.programProgress(courses)).isEqualTo(99);
        assertThat(new CourseProgress(50, STARTED, null).follow(courses, NOW).status())
                .isEqualTo(AssignmentStatus.IN_PROGRESS);
    }

    @Test
    void aProgramIsAtMost99UntilEveryCourseIsCompletedAndAtLeast1OnceOneIsStarted() {
        for (int a = 0; a <= 100; a++) {
            for (int b = 0; b <= 100; b++) {
                int progress = CourseProgress.programProgress(List.of(a, b));
                int expected = a == 100 && b == 100 ? 100
                        : a + b == 0 ? 0 : Math.max(1, Math.min(99, roundedAverage(a, b)));
                assertThat(progress).as("%d, %d", a, b).isEqualTo(expected);
            }
        }
        assertThat(CourseProgress.programProgress(Arrays.asList(100, null))).isEqualTo(50);
        assertThat(CourseProgress.programProgress(Arrays.asList(null, null))).isZero();
        assertThat(CourseProgress.programProgress(List.of())).isZero();
    }

    @Test
    void aProgramStartsWhenItsMeanIsAboveZero() {
        CourseProgress started = FRESH.follow(List.of(100, 0), NOW);

        assertThat(started).isEqualTo(new CourseProgress(50, NOW, null));
        assertThat(started.status()).isEqualTo(AssignmentStatus.IN_PROGRESS);
    }

    @Test
    void aProgramIsStartedByItsFirstStartedCourseThoughItsMeanRoundsToZero() {
        assertThat(FRESH.follow(List.of(1, 0, 0), NOW)).isEqualTo(new CourseProgress(1, NOW, null));
        assertThat(FRESH.follow(List.of(0, 0), NOW)).isEqualTo(FRESH);
    }

    @Test
    void aProgramKeepsTheTimeItStarted() {
        assertThat(new CourseProgress(50, STARTED, null).follow(List.of(100, 50), NOW))
                .isEqualTo(new CourseProgress(75, STARTED, null));
    }

    @Test
    void aProgramCompletesWhenItsCoursesAre() {
        CourseProgress completed = new CourseProgress(75, STARTED, null).follow(List.of(100, 100), NOW);

        assertThat(completed).isEqualTo(new CourseProgress(100, STARTED, NOW));
        assertThat(completed.status()).isEqualTo(AssignmentStatus.COMPLETED);
    }

    @Test
    void aProgramWhoseMeanRoundsToOneHundredIsNotCompletedWhileACourseIsNot() {
        assertThat(new CourseProgress(50, STARTED, null).follow(List.of(100, 99), NOW))
                .isEqualTo(new CourseProgress(99, STARTED, null));
    }

    @Test
    void anUnfinishedProgramIsItsCoursesMeanNowNotItsBestSoFar() {
        assertThat(new CourseProgress(50, STARTED, null).follow(Arrays.asList(0, null), NOW))
                .as("a course of it no longer open").isEqualTo(new CourseProgress(0, STARTED, null));
    }

    @Test
    void aCompletedProgramStaysAsItIs() {
        CourseProgress completed = new CourseProgress(100, STARTED, COMPLETED);

        assertThat(completed.follow(Arrays.asList(100, null), NOW)).isEqualTo(completed);
        assertThat(completed.follow(List.of(100, 100), NOW)).isEqualTo(completed);
    }

    // which assignments are unfinished

    @Test
    void onlyAssignedAndInProgressAssignmentsAreUnfinished() {
        assertThat(CourseProgress.unfinished(AssignmentStatus.ASSIGNED)).isTrue();
        assertThat(CourseProgress.unfinished(AssignmentStatus.IN_PROGRESS)).isTrue();
        assertThat(CourseProgress.unfinished(AssignmentStatus.COMPLETED)).as("completed ones stay").isFalse();
        assertThat(CourseProgress.unfinished(AssignmentStatus.DROPPED)).isFalse();
        assertThat(CourseProgress.unfinishedStatuses()).containsExactly("ASSIGNED", "IN_PROGRESS");
    }

    /** What {@code round(avg(progress))} answered in PostgreSQL: the exact mean, halves away from zero. */
    private static int roundedAverage(int... courses) {
        return BigDecimal.valueOf(Arrays.stream(courses).sum())
                .divide(BigDecimal.valueOf(courses.length), 0, RoundingMode.HALF_UP)
                .intValueExact();
    }
}
