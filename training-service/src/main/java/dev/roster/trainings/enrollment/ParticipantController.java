package dev.roster.trainings.enrollment;

import dev.roster.platform.security.Caller;
import dev.roster.platform.web.Page;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A training's participants and waitlists, as administrators manage them. */
@RestController
@RequestMapping("/api/v1/trainings/{trainingId}/participants")
class ParticipantController {

    private final ParticipantService participants;

    ParticipantController(ParticipantService participants) {
        this.participants = participants;
    }

    @GetMapping
    Mono<Page<ParticipantResponse>> list(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID trainingId,
            @RequestParam(required = false) UUID sessionId, @RequestParam(required = false) List<EnrollmentStatus> status,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "25") int size) {
        return participants.list(Caller.from(jwt), trainingId, sessionId, status, page, size);
    }

    @PostMapping
    Mono<BulkEnrollment> enroll(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID trainingId,
            @Valid @RequestBody EnrollUsersRequest request) {
        return participants.enroll(Caller.from(jwt), trainingId, request);
    }

    @DeleteMapping("/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> remove(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID trainingId, @PathVariable UUID userId) {
        return participants.remove(Caller.from(jwt), trainingId, userId);
    }

    @PutMapping("/{userId}/session")
    Mono<ParticipantResponse> assignSession(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID trainingId,
            @PathVariable UUID userId, @Valid @RequestBody SessionAssignmentRequest request) {
        return participants.assignSession(Caller.from(jwt), trainingId, userId, request.sessionId());
    }

    @PutMapping("/{userId}/attendance")
    Mono<ParticipantResponse> attendance(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID trainingId,
            @PathVariable UUID userId, @RequestBody AttendanceRequest request) {
        return participants.markAttendance(Caller.from(jwt), trainingId, userId, request.attendance());
    }
}
