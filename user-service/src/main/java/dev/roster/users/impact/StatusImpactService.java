package dev.roster.users.impact;

import dev.roster.events.user.UserStatus;
import dev.roster.platform.impact.DepartureImpact;
import dev.roster.platform.impact.DepartureImpact.Departure;
import dev.roster.platform.security.Caller;
import dev.roster.users.group.GroupRequest.GroupKind;
import dev.roster.users.group.UserGroups;
import dev.roster.users.group.UserGroups.Membership;
import dev.roster.users.impact.ImpactSources.Part;
import dev.roster.users.impact.StatusImpactRequest.ImpactStatus;
import dev.roster.users.impact.StatusImpactResponse.SeatChange;
import dev.roster.users.impact.StatusImpactResponse.UnknownPart;
import dev.roster.users.impact.StatusImpactResponse.UserImpact;
import dev.roster.users.credential.RefreshTokens;
import dev.roster.users.user.BulkOutcome;
import dev.roster.users.status.BulkRequest.BulkAction;
import dev.roster.users.user.SkipReason;
import dev.roster.users.status.StatusWriter;
import dev.roster.users.status.StatusService;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Says what a status change would do before anything changes, for one user or ten thousand. Who it applies to is
 * decided by the rules of the change itself ({@link StatusService#preview}); then each service answers for what it
 * owns, at once: user-service for sign-in, sessions, seats and groups; training-service for enrollments, waitlists,
 * courses and programs; notification-service for queued emails and notices. A service that does not answer in time
 * leaves its part unknown, and the preview is answered without it.
 */
@Service
class StatusImpactService {

    private static final DepartureImpact.Trainings NO_TRAININGS = new DepartureImpact.Trainings(List.of(), List.of(), 0);
    private static final DepartureImpact.Notifications NO_NOTIFICATIONS = new DepartureImpact.Notifications(List.of());

    private final StatusService statuses;
    private final RefreshTokens refreshTokens;
    private final UserGroups groups;
    private final ImpactSources sources;

    StatusImpactService(StatusService statuses, RefreshTokens refreshTokens, UserGroups groups, ImpactSources sources) {
        this.statuses = statuses;
        this.refreshTokens = refreshTokens;
        this.groups = groups;
        this.sources = sources;
    }

    /** The caller needs the permission of the change itself; {@code token} is theirs, for the other services to check. */
    Mono<StatusImpactResponse> preview(Caller caller, String token, StatusImpactRequest request) {
        return statuses.preview(caller, action(request.status()), request.userIds()).flatMap(preview -> {
            List<UUID> applied = preview.outcome().applied();
            Departure departure = departure(request.status());
            boolean nobody = applied.isEmpty();
            DepartureImpact.Request asked = nobody ? null : new DepartureImpact.Request(departure == null
                    ? Departure.INACTIVE : departure, applied);
            Mono<Map<UUID, Long>> sessions = nobody || departure == null ? Mono.just(Map.of())
                    : refreshTokens.liveSessions(applied);
            Mono<Map<UUID, List<Membership>>> memberships = nobody ? Mono.just(Map.of())
                    : groups.of(caller.accountId(), applied);
            // a reactivation drops nothing and cancels nothing: the other services have nothing to say
            Mono<Part<DepartureImpact.Trainings>> trainings = nobody || departure == null ? Mono.just(Part.known(NO_TRAININGS))
                    : sources.trainings(token, asked);
            Mono<Part<DepartureImpact.Notifications>> notifications = nobody || departure == null
                    ? Mono.just(Part.known(NO_NOTIFICATIONS)) : sources.notifications(token, asked);
            return Mono.zip(sessions, memberships, trainings, notifications)
                    .map(facts -> compose(request, preview, facts.getT1(), facts.getT2(), facts.getT3(), facts.getT4()));
        });
    }

    private static StatusImpactResponse compose(StatusImpactRequest request, StatusService.Preview preview,
            Map<UUID, Long> sessions, Map<UUID, List<Membership>> memberships, Part<DepartureImpact.Trainings> trainings,
            Part<DepartureImpact.Notifications> notifications) {
        ImpactStatus status = request.status();
        Map<UUID, SkipReason> skipped = preview.outcome().skipped().stream()
                .collect(Collectors.toMap(BulkOutcome.Skipped::userId, BulkOutcome.Skipped::reason, (a, b) -> a));
        Map<UUID, DepartureImpact.Learner> learners = trainings.isKnown() ? trainings.answer().users().stream()
                .collect(Collectors.toMap(DepartureImpact.Learner::userId, Function.identity())) : Map.of();
        Map<UUID, DepartureImpact.Recipient> recipients = notifications.isKnown() ? notifications.answer().users().stream()
                .collect(Collectors.toMap(DepartureImpact.Recipient::userId, Function.identity())) : Map.of();

        List<UserImpact> users = new ArrayList<>();
        for (UUID id : new LinkedHashSet<>(request.userIds())) {
            StatusWriter.Target found = preview.users().get(id);
            UserStatus current = found == null ? null : found.status();
            SkipReason reason = skipped.get(id);
            if (reason != null) {
                users.add(new UserImpact(id, current, false, reason, false, 0, SeatChange.UNCHANGED, List.of(), List.of(),
                        List.of(), List.of(), 0L, 0L));
                continue;
            }
            boolean leaving = status != ImpactStatus.ACTIVE;
            SeatChange seat = current == UserStatus.ACTIVE && leaving ? SeatChange.FREED
                    : status == ImpactStatus.ACTIVE ? SeatChange.TAKEN : SeatChange.UNCHANGED;
            List<Membership> groupsOf = memberships.getOrDefault(id, List.of());
            List<Membership> smart = groupsOf.stream().filter(group -> group.kind() == GroupKind.SMART).toList();
            // an ended user is in no smart group; ending employment leaves them, deleting leaves every group
            List<Membership> left = switch (status) {
                case EMPLOYMENT_ENDED -> smart;
                case DELETED -> current == UserStatus.EMPLOYMENT_ENDED
                        ? groupsOf.stream().filter(group -> group.kind() == GroupKind.STATIC).toList() : groupsOf;
                default -> List.of();
            };
            List<Membership> joined = current == UserStatus.EMPLOYMENT_ENDED
                    && (status == ImpactStatus.ACTIVE || status == ImpactStatus.INACTIVE) ? smart : List.of();
            DepartureImpact.Learner learner = learners.get(id);
            DepartureImpact.Recipient recipient = recipients.get(id);
            users.add(new UserImpact(id, current, true, null, leaving, leaving ? sessions.getOrDefault(id, 0L) : 0, seat,
                    left, joined,
                    !trainings.isKnown() ? null : learner == null ? List.of() : learner.enrollments(),
                    !trainings.isKnown() ? null : learner == null ? List.of() : learner.learning(),
                    !notifications.isKnown() ? null : recipient == null ? 0L : recipient.queuedEmails(),
                    !notifications.isKnown() ? null : recipient == null ? 0L : recipient.noticesErased()));
        }
        List<UnknownPart> unknown = new ArrayList<>();
        if (!trainings.isKnown()) {
            unknown.add(new UnknownPart("enrollments, waitlists, courses and programs", trainings.service(),
                    trainings.unknownReason()));
        }
        if (!notifications.isKnown()) {
            unknown.add(new UnknownPart("queued emails and notices", notifications.service(), notifications.unknownReason()));
        }
        return new StatusImpactResponse(status, totals(preview, users, trainings, notifications, skipped), users,
                trainings.isKnown() ? trainings.answer().sessions() : List.of(), unknown);
    }

    private static StatusImpactResponse.Totals totals(StatusService.Preview preview, List<UserImpact> users,
            Part<DepartureImpact.Trainings> trainings, Part<DepartureImpact.Notifications> notifications,
            Map<UUID, SkipReason> skipped) {
        Map<SkipReason, Integer> skips = new EnumMap<>(SkipReason.class);
        skipped.values().forEach(reason -> skips.merge(reason, 1, Integer::sum));
        List<UserImpact> applied = users.stream().filter(UserImpact::applies).toList();
        int freed = (int) applied.stream().filter(user -> user.seat() == SeatChange.FREED).count();
        int taken = (int) applied.stream().filter(user -> user.seat() == SeatChange.TAKEN).count();
        var seats = new StatusImpactResponse.Seats(preview.account().seatLimit(), preview.activeSeats(),
                preview.activeSeats() - freed + taken, freed, taken, skips.getOrDefault(SkipReason.SEAT_LIMIT, 0));
        boolean trainingsKnown = trainings.isKnown();
        boolean notificationsKnown = notifications.isKnown();
        return new StatusImpactResponse.Totals(users.size(), applied.size(), skips,
                skips.containsKey(SkipReason.ACCOUNT_OWNER),
                (int) applied.stream().filter(UserImpact::signInBlocked).count(),
                applied.stream().mapToLong(UserImpact::sessionsCut).sum(), seats,
                applied.stream().mapToInt(user -> user.groupsLeft().size()).sum(),
                applied.stream().mapToInt(user -> user.groupsJoined().size()).sum(),
                !trainingsKnown ? null : applied.stream().mapToInt(user -> user.enrollmentsDropped().size()).sum(),
                !trainingsKnown ? null : trainings.answer().sessions().stream().mapToInt(session -> session.promoted().size()).sum(),
                !trainingsKnown ? null : applied.stream().mapToInt(user -> user.learningLeftUnfinished().size()).sum(),
                !notificationsKnown ? null : applied.stream().mapToLong(UserImpact::queuedEmailsCancelled).sum(),
                !notificationsKnown ? null : applied.stream().mapToLong(UserImpact::noticesErased).sum(),
                !trainingsKnown ? null : trainings.answer().recordsErased());
    }

    private static BulkAction action(ImpactStatus status) {
        return switch (status) {
            case ACTIVE -> BulkAction.ACTIVATE;
            case INACTIVE -> BulkAction.DEACTIVATE;
            case EMPLOYMENT_ENDED -> BulkAction.END_EMPLOYMENT;
            case DELETED -> BulkAction.DELETE;
        };
    }

    /** How the people would leave; null for an activation, which is no leaving. */
    private static Departure departure(ImpactStatus status) {
        return switch (status) {
            case ACTIVE -> null;
            case INACTIVE -> Departure.INACTIVE;
            case EMPLOYMENT_ENDED -> Departure.EMPLOYMENT_ENDED;
            case DELETED -> Departure.DELETED;
        };
    }
}
