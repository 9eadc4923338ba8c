package dev.roster.users.user;

import dev.roster.events.user.UserStatus;
import dev.roster.platform.account.Seats;
import dev.roster.platform.problem.ProblemException;
import dev.roster.users.access.RoleKind;
import dev.roster.users.account.Account;
import dev.roster.users.account.AccountRepository;
import dev.roster.users.audit.AuditLog;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one way users are created and their profiles saved, whoever asks (the API, SCIM through it, an import): seats
 * for the new, the Account Owner role never given or taken, sessions ended when roles change, every change audited
 * and announced. Callers check what they may do first; this writes what they decided, in their transaction.
 */
@Component
public class UserWriter {

    private final UserRepository users;
    private final AccountRepository accounts;
    private final UserEvents events;
    private final UserSessions sessions;
    private final AuditLog audit;
    private final Clock clock;

    UserWriter(UserRepository users, AccountRepository accounts, UserEvents events, UserSessions sessions, AuditLog audit,
            Clock clock) {
        this.users = users;
        this.accounts = accounts;
        this.events = events;
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Inserts a user whose fields are already checked (login and email free, department, supervisor and
     * roles of the account) into {@code account}, which the caller's transaction holds locked. The user
     * gets {@code user.status()}, except that one meant to be active is created INACTIVE when every seat
     * is taken; an ended one gets {@code user.employmentEndedOn()} (today in the account's time zone when
     * null). Audited and announced like every creation; emits the user as stored.
     */
    public Mono<User> insert(Account account, User user, UUID actorId, String source) {
        return insertAll(account, List.of(user), actorId, source).map(List::getFirst);
    }

    /**
     * Inserts checked users as {@link #insert} does, in a few statements whatever their number; seats go to
     * them in their order. Emits them as stored, in the same order.
     */
    public Mono<List<User>> insertAll(Account account, List<User> created, UUID actorId, String source) {
        if (created.isEmpty()) {
            return Mono.just(List.of());
        }
        return users.countActive(account.id()).flatMap(active -> {
            Seats seats = new Seats(account.seatLimit(), active);
            List<User> stored = new ArrayList<>(created.size());
            for (User user : created) {
                UserStatus status = user.status() == UserStatus.ACTIVE && !seats.take() ? UserStatus.INACTIVE : user.status();
                LocalDate endedOn = status != UserStatus.EMPLOYMENT_ENDED ? null
                        : user.employmentEndedOn() != null ? user.employmentEndedOn()
                        : StatusPolicy.dateIn(clock.instant(), account.timeZone());
                stored.add(user.with(status, endedOn));
            }
            List<UUID> ids = stored.stream().map(User::id).toList();
            return users.insertAll(stored)
                    .then(audit.recordAll(account.id(), ids, actorId, "user.created",
                            stored.stream().map(user -> Map.of("status", user.status().name())).toList(), source))
                    .then(users.findAll(account.id(), ids).collectMap(User::id))
                    .map(found -> ids.stream().map(found::get).toList())
                    .flatMap(saved -> events.created(saved, actorId).thenReturn(saved));
        });
    }

    /**
     * Writes {@code changed} over {@code current} (read for update in the caller's transaction) when any
     * profile field differs ({@link ProfileChanges}): audited, and announced with the changed fields.
     * Emits the user as saved, or {@code current} when nothing differs.
     */
    public Mono<User> saveProfile(User current, User changed, UUID actorId, String source) {
        return saveProfiles(List.of(new ProfileEdit(current, changed)), actorId, source).map(List::getFirst);
    }

    /**
     * Saves many edits of one account as {@link #saveProfile} does, in a few statements whatever their
     * number; emits the users as saved (or as they were, where nothing differs), in the order of the edits.
     */
    public Mono<List<User>> saveProfiles(List<ProfileEdit> edits, UUID actorId, String source) {
        Map<UUID, List<String>> fields = new LinkedHashMap<>();
        edits.forEach(edit -> {
            List<String> changed = ProfileChanges.between(edit.current(), edit.changed());
            if (!changed.isEmpty()) {
                fields.put(edit.current().id(), changed);
            }
        });
        if (fields.isEmpty()) {
            return Mono.just(edits.stream().map(ProfileEdit::current).toList());
        }
        List<ProfileEdit> changing = edits.stream().filter(edit -> fields.containsKey(edit.current().id())).toList();
        List<ProfileEdit> rolesTouched = changing.stream()
                .filter(edit -> !Objects.equals(edit.current().roleIds(), edit.changed().roleIds())).toList();
        UUID accountId = changing.getFirst().current().accountId();
        List<UUID> ids = List.copyOf(fields.keySet());
        return Flux.fromIterable(rolesTouched).concatMap(edit -> guardOwnerRole(edit.current(), edit.changed())).then()
                .then(users.updateProfiles(accountId, changing.stream().map(ProfileEdit::changed).toList()))
                .flatMap(updated -> updated == changing.size() ? Mono.empty()
                        : Mono.<Void>error(ProblemException.changedMeanwhile("The user")))
                .thenMany(Flux.fromIterable(rolesTouched)
                        .concatMap(edit -> users.setRoles(edit.changed().id(), edit.changed().roleIds())))
                .then(sessions.endAll(accountId, rolesTouched.stream().map(edit -> edit.current().id()).toList()))
                .then(audit.recordAll(accountId, ids, actorId, "user.updated",
                        ids.stream().map(id -> Map.of("fields", fields.get(id))).toList(), source))
                .then(users.findAll(accountId, ids).collectMap(User::id))
                .flatMap(saved -> events.updated(ids.stream()
                                .map(id -> new UserEvents.ProfileUpdate(saved.get(id), fields.get(id))).toList(), actorId)
                        .thenReturn(edits.stream().map(edit -> saved.getOrDefault(edit.current().id(), edit.current()))
                                .toList()));
    }

    /** A user read for update, and what it should become. */
    public record ProfileEdit(User current, User changed) {
    }

    /** Nobody gets or loses the Account Owner role by an edit. */
    private Mono<Void> guardOwnerRole(User current, User changed) {
        return accounts.roleOfKind(current.accountId(), RoleKind.OWNER.name()).flatMap(ownerRole -> {
            boolean had = current.roleIds().contains(ownerRole);
            boolean has = changed.roleIds().contains(ownerRole);
            return had == has ? Mono.empty()
                    : Mono.error(Account.ownerProtected(
                            "The Account Owner role cannot be given or taken by editing a user"));
        });
    }
}
