package dev.roster.trainings.course;

import dev.roster.platform.security.Caller;
import dev.roster.trainings.course.LearningService.AssignOutcome;
import dev.roster.platform.web.Page;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Courses and programs: administration, assignment, and the learner's own progress. */
@RestController
@RequestMapping("/api/v1")
class CourseController {

    private final LearningService learning;

    CourseController(LearningService learning) {
        this.learning = learning;
    }

    @PostMapping("/{kind:courses|programs}")
    Mono<ResponseEntity<Course>> create(@AuthenticationPrincipal Jwt jwt, @PathVariable String kind,
            @Valid @RequestBody CourseRequest request) {
        return learning.create(Caller.from(jwt), kind(kind), request)
                .map(course -> ResponseEntity.created(URI.create("/api/v1/" + kind + "/" + course.id())).body(course));
    }

    @GetMapping("/{kind:courses|programs}")
    Mono<Page<Course>> list(@AuthenticationPrincipal Jwt jwt, @PathVariable String kind,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "25") int size) {
        return learning.list(Caller.from(jwt), kind(kind), page, size);
    }

    @GetMapping("/{kind:courses|programs}/{id}")
    Mono<Course> show(@AuthenticationPrincipal Jwt jwt, @PathVariable String kind, @PathVariable UUID id) {
        return learning.find(Caller.from(jwt), kind(kind), id);
    }

    @PostMapping("/{kind:courses|programs}/{id}/assignments")
    Mono<AssignOutcome> assign(@AuthenticationPrincipal Jwt jwt, @PathVariable String kind, @PathVariable UUID id,
            @Valid @RequestBody AssignRequest request) {
        return learning.assign(Caller.from(jwt), kind(kind), id, request);
    }

    @GetMapping("/{kind:courses|programs}/{id}/assignments")
    Mono<Page<AssignmentResponse>> assignments(@AuthenticationPrincipal Jwt jwt, @PathVariable String kind,
            @PathVariable UUID id, @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "25") int size) {
        return learning.assignments(Caller.from(jwt), kind(kind), id, page, size);
    }

    @GetMapping("/me/{kind:courses|programs}")
    Mono<List<AssignmentResponse>> mine(@AuthenticationPrincipal Jwt jwt, @PathVariable String kind) {
        return learning.mine(Caller.from(jwt), kind(kind));
    }

    @PutMapping("/me/courses/{id}/progress")
    Mono<AssignmentResponse> progress(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id,
            @Valid @RequestBody ProgressRequest request) {
        return learning.progress(Caller.from(jwt), id, request.progress());
    }

    private static CourseKind kind(String path) {
        return path.equals("courses") ? CourseKind.COURSE : CourseKind.PROGRAM;
    }
}
