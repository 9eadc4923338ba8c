package dev.roster.trainings.course;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * How far a learner got in an assigned course or program that is not dropped, and the rules that move it: a course by
 * the progress the learner reports, a program by its courses'. Spring-free; {@link AssignmentRepository}'s statements
 * and the departure preview take from it which assignments are unfinished.
 *
 * @param progress    percent, 0 to 100
 * @param startedAt   when the progress first went above 0; null before
 * @param completedAt when it reached 100; null before
 */
public record CourseProgress(int progress, Instant startedAt, Instant completedAt) {

    /** The progress that completes a course or program. */
    static final int COMPLETE = 100;

    /** What an unfinished assignment can be: the departure of its learner drops it, a program's courses move it. */
    private static final Set<AssignmentStatus> UNFINISHED = Set.of(AssignmentStatus.ASSIGNED, AssignmentStatus.IN_PROGRESS);

    public CourseProgress {
        requirePercent(progress);
    }

    /** The status that goes with a progress: 0 assigned, above 0 in progress, 100 completed. */
    static AssignmentStatus statusOf(int progress) {
        requirePercent(progress);
        return progress >= COMPLETE ? AssignmentStatus.COMPLETED
                : progress > 0 ? AssignmentStatus.IN_PROGRESS : AssignmentStatus.ASSIGNED;
    }

    AssignmentStatus status() {
        return statusOf(progress);
    }

    /**
     * A course after its learner reported {@code reported} percent at {@code now}: never backwards (a lower report
     * changes nothing), started by the first report above 0, completed at 100; a time once recorded stays.
     */
    CourseProgress report(int reported, Instant now) {
        requirePercent(reported);
        int next = Math.max(progress, reported);
        return new CourseProgress(next,
                startedAt != null ? startedAt : reported > 0 ? now : null,
                completedAt != null ? completedAt : next >= COMPLETE ? now : null);
    }

    /**
     * A program after its courses ({@link #programProgress}): started once one of them is, completed once all of them
     * are. A completed program stays as it is; a program without courses stays at 0.
     *
     * @param courses the learner's progress in each of the program's courses; null for a course they do not have open
     *                (never assigned, or dropped), which counts as 0
     */
    CourseProgress follow(List<Integer> courses, Instant now) {
        if (status() == AssignmentStatus.COMPLETED) {
            return this;
        }
        int next = programProgress(courses);
        return new CourseProgress(next,
                startedAt != null ? startedAt : next > 0 ? now : null,
                completedAt != null ? completedAt : next >= COMPLETE ? now : null);
    }

    /**
     * A program's progress: its courses' {@link #mean}, but never 100 before every course is completed (a mean of 99.5
     * is 99) and never 0 once one of them is started (three courses at 1, 0 and 0 are 1). A course not open counts
     * as 0; no courses at all is 0.
     */
    static int programProgress(List<Integer> courses) {
        boolean allCompleted = !courses.isEmpty()
                && courses.stream().allMatch(course -> course != null && course >= COMPLETE);
        boolean anyStarted = courses.stream().anyMatch(course -> course != null && course > 0);
        if (allCompleted) {
            return COMPLETE;
        }
        return Math.max(anyStarted ? 1 : 0, Math.min(mean(courses), COMPLETE - 1));
    }

    /**
     * The mean of the courses' progress, rounded to a whole percent, halves up (as PostgreSQL's {@code round} does).
     * A course not open counts as 0; no courses at all is 0.
     */
    static int mean(List<Integer> courses) {
        if (courses.isEmpty()) {
            return 0;
        }
        long sum = 0;
        for (Integer course : courses) {
            sum += course == null ? 0 : requirePercent(course);
        }
        long count = courses.size();
        return (int) ((2 * sum + count) / (2 * count));
    }

    /** Whether an assignment in {@code status} is unfinished: assigned or in progress, not completed nor dropped. */
    static boolean unfinished(AssignmentStatus status) {
        return UNFINISHED.contains(status);
    }

    /** The statuses {@link #unfinished} accepts, as the statements bind them. */
    public static String[] unfinishedStatuses() {
        return Arrays.stream(AssignmentStatus.values()).filter(CourseProgress::unfinished).map(Enum::name)
                .toArray(String[]::new);
    }

    private static int requirePercent(int progress) {
        if (progress < 0 || progress > COMPLETE) {
            throw new IllegalArgumentException("A progress is 0 to " + COMPLETE + " percent, not " + progress);
        }
        return progress;
    }
}
