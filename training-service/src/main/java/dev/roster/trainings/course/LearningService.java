package dev.roster.trainings.course;

import dev.roster.platform.problem.ProblemException;
import dev.roster.platform.security.Caller;
import dev.roster.platform.security.Permission;
import dev.roster.platform.people.People;
import dev.roster.platform.web.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Courses and training programs, assigned to learners (only active ones) in bulk, with progress and
 * completion. Assigning a program assigns its courses too; a program's progress follows its courses'.
 * Creating needs {@code TRAININGS_MANAGE}; assigning needs {@code TRAININGS_ENROLL_USERS} or
 * {@code TRAININGS_VIEW_USERS_AND_ENROLL}.
 */
@Service
class LearningService {

    private final CourseRepository courses;
    private final AssignmentRepository assignments;
    private final People people;
    private final TransactionalOperator transactions;
    private final Clock clock;

    LearningService(CourseRepository courses, AssignmentRepository assignments, People people,
            TransactionalOperator transactions, Clock clock) {
        this.courses = courses;
        this.assignments = assignments;
        this.people = people;
        this.transactions = transactions;
        this.clock = clock;
    }

    Mono<Course> create(Caller caller, CourseKind kind, CourseRequest request) {
        caller.require(Permission.TRAININGS_MANAGE);
        List<UUID> courseIds = request.courseIds() == null ? List.of() : List.copyOf(new LinkedHashSet<>(request.courseIds()));
        if (kind == CourseKind.COURSE && !courseIds.isEmpty()) {
            throw ProblemException.badRequest("invalid-course", "A course has no courses of its own").with("field", "courseIds");
        }
        UUID id = UUID.randomUUID();
        Mono<Void> insert = courses.insert(kind, id, caller.accountId(), request.title().strip(), request.description(),
                caller.userId(), clock.instant());
        Mono<Void> programCourses = kind == CourseKind.COURSE || courseIds.isEmpty() ? Mono.empty()
                : courses.existingCourses(caller.accountId(), courseIds).flatMap(found -> found.size() < courseIds.size()
                        ? Mono.error(ProblemException.badRequest("unknown-course", "Some of the courses do not exist")
                                .with("field", "courseIds"))
                        : courses.insertProgramCourses(id, courseIds));
        return insert.then(programCourses).as(transactions::transactional).then(find(caller, kind, id));
    }

    Mono<Course> find(Caller caller, CourseKind kind, UUID id) {
        caller.requireAny(Permission.TRAININGS_MANAGE, Permission.TRAININGS_VIEW_USERS_AND_ENROLL,
                Permission.TRAININGS_ENROLL_USERS);
        return courses.find(kind, caller.accountId(), id)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound(
                        kind == CourseKind.COURSE ? "Course " + id : "Program " + id)));
    }

    Mono<Page<Course>> list(Caller caller, CourseKind kind, int page, int size) {
        caller.requireAny(Permission.TRAININGS_MANAGE, Permission.TRAININGS_VIEW_USERS_AND_ENROLL,
                Permission.TRAININGS_ENROLL_USERS);
        Page.check(page, size);
        return Mono.zip(courses.list(kind, caller.accountId(), size, (long) page * size).collectList(),
                        courses.count(kind, caller.accountId()))
                .map(loaded -> Page.of(loaded.getT1(), page, size, loaded.getT2()));
    }

    /** Assigns a course or program to learners; a program's courses are assigned with it. */
    Mono<AssignOutcome> assign(Caller caller, CourseKind kind, UUID id, AssignRequest request) {
        caller.requireAny(Permission.TRAININGS_ENROLL_USERS, Permission.TRAININGS_VIEW_USERS_AND_ENROLL);
        List<UUID> requested = List.copyOf(new LinkedHashSet<>(request.userIds()));
        Instant now = clock.instant();
        return find(caller, kind, id).flatMap(course -> Mono.zip(
                        people.lockActive(caller.accountId(), requested).collect(HashSet<UUID>::new, Set::add),
                        people.known(caller.accountId(), requested).collect(HashSet<UUID>::new, Set::add))
                .flatMap(found -> {
                    List<UUID> active = requested.stream().filter(found.getT1()::contains).toList();
                    return assignments.insert(kind, id, caller.accountId(), active, caller.userId(), now)
                            .flatMap(assigned -> (kind == CourseKind.PROGRAM && !course.courseIds().isEmpty()
                                    ? assignments.insertCourses(caller.accountId(), course.courseIds(), active,
                                            caller.userId(), now)
                                    : Mono.<Void>empty())
                                    .thenReturn(outcome(requested, found.getT2(), found.getT1(), assigned)));
                }))
                .as(transactions::transactional);
    }

    Mono<Page<AssignmentResponse>> assignments(Caller caller, CourseKind kind, UUID id, int page, int size) {
        caller.requireAny(Permission.TRAININGS_MANAGE, Permission.TRAININGS_VIEW_USERS_AND_ENROLL);
        Page.check(page, size);
        return find(caller, kind, id).then(Mono.zip(
                        assignments.list(kind, caller.accountId(), id, size, (long) page * size).collectList(),
                        assignments.count(kind, caller.accountId(), id)))
                .map(loaded -> Page.of(loaded.getT1(), page, size, loaded.getT2()));
    }

    /** The caller's own assigned courses or programs (dropped ones too, as history). */
    Mono<List<AssignmentResponse>> mine(Caller caller, CourseKind kind) {
        return assignments.mine(kind, caller.accountId(), caller.userId()).collectList();
    }

    /**
     * Records the learner's progress in one of their courses (never backwards); 100 completes it. The
     * programs holding the course follow. Only an active learner with the course assigned can progress.
     */
    Mono<AssignmentResponse> progress(Caller caller, UUID courseId, int progress) {
        Instant now = clock.instant();
        return people.lockActive(caller.accountId(), List.of(caller.userId())).hasElements()
                .flatMap(active -> !active ? Mono.error(ProblemException.forbidden("Only active users can progress"))
                        : assignments.lockOpenCourse(caller.accountId(), caller.userId(), courseId)
                                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Course " + courseId + " assigned to you"))))
                .flatMap(course -> save(course.id(), course.progress(), course.progress().report(progress, now)))
                .then(followPrograms(caller.userId(), now))
                .as(transactions::transactional)
                .then(assignments.findOpenCourse(caller.accountId(), caller.userId(), courseId));
    }

    /** Moves the learner's unfinished programs after their courses, in one statement for those that changed. */
    private Mono<Void> followPrograms(UUID userId, Instant now) {
        return assignments.lockUnfinishedPrograms(userId).flatMap(programs -> programs.isEmpty() ? Mono.empty()
                : assignments.programCourses(programs.keySet()).flatMap(courses -> {
                    Map<UUID, CourseProgress> changed = new LinkedHashMap<>();
                    programs.forEach((id, program) -> {
                        CourseProgress followed = program.follow(courses.getOrDefault(id, List.of()), now);
                        if (!followed.equals(program)) {
                            changed.put(id, followed);
                        }
                    });
                    return assignments.save(changed);
                }));
    }

    private Mono<Void> save(UUID assignmentId, CourseProgress before, CourseProgress after) {
        return after.equals(before) ? Mono.empty() : assignments.save(Map.of(assignmentId, after));
    }

    private static AssignOutcome outcome(List<UUID> requested, Set<UUID> known, Set<UUID> active, List<UUID> assigned) {
        List<AssignOutcome.Skipped> skipped = new ArrayList<>();
        for (UUID userId : requested) {
            if (!assigned.contains(userId)) {
                skipped.add(new AssignOutcome.Skipped(userId, !known.contains(userId) ? "NOT_FOUND"
                        : !active.contains(userId) ? "NOT_ACTIVE" : "ALREADY_ASSIGNED"));
            }
        }
        return new AssignOutcome(assigned, skipped);
    }

    /** Per user: assigned, or skipped with the reason ({@code NOT_FOUND}, {@code NOT_ACTIVE}, {@code ALREADY_ASSIGNED}). */
    record AssignOutcome(List<UUID> applied, List<Skipped> skipped) {

        record Skipped(UUID userId, String reason) {
        }
    }
}
