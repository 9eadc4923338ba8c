package dev.roster.users.imports;

import dev.roster.events.EventEnvelope;
import dev.roster.events.Topics;
import dev.roster.events.imports.ImportRowApplied;
import dev.roster.events.imports.ImportRowSubmitted;
import dev.roster.events.user.UserStatus;
import dev.roster.platform.outbox.Outbox;
import dev.roster.platform.security.Caller;
import dev.roster.platform.security.Permission;
import dev.roster.users.access.AccessScopes;
import dev.roster.users.access.RoleKind;
import dev.roster.users.access.Scope;
import dev.roster.users.account.Account;
import dev.roster.users.account.AccountRepository;
import dev.roster.users.department.DepartmentService;
import dev.roster.users.group.GroupService;
import dev.roster.users.imports.ImportRowPolicy.Create;
import dev.roster.users.imports.ImportRowPolicy.Facts;
import dev.roster.users.imports.ImportRowPolicy.Refused;
import dev.roster.users.imports.ImportRowPolicy.Update;
import dev.roster.users.signin.PasswordService;
import dev.roster.users.status.StatusChangeService;
import dev.roster.users.user.User;
import dev.roster.users.user.UserRepository;
import dev.roster.users.user.UserService;
import jakarta.validation.Validator;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Applies one imported row to its account with the same services the API uses (creation with the seat
 * limit, profile updates, passwords, status changes, static groups), so the events, audit entries and
 * access changes are the API's; the audit's source is {@code import <importId>}. Records the row's
 * {@link ImportRowApplied} in the outbox. Must run in a transaction (the consumer's inbox transaction):
 * it locks the account, so rows of one account apply one at a time and seats are counted exactly.
 */
@Service
class ImportRowService {

    private final AccountRepository accounts;
    private final UserRepository users;
    private final UserService userService;
    private final DepartmentService departments;
    private final GroupService groups;
    private final PasswordService passwords;
    private final StatusChangeService statusChanges;
    private final AccessScopes scopes;
    private final Outbox outbox;
    private final ImportRowPolicy policy;
    private final Clock clock;

    ImportRowService(AccountRepository accounts, UserRepository users, UserService userService,
            DepartmentService departments, GroupService groups, PasswordService passwords,
            StatusChangeService statusChanges, AccessScopes scopes, Outbox outbox, Validator validator, Clock clock) {
        this.accounts = accounts;
        this.users = users;
        this.userService = userService;
        this.departments = departments;
        this.groups = groups;
        this.passwords = passwords;
        this.statusChanges = statusChanges;
        this.scopes = scopes;
        this.outbox = outbox;
        this.policy = new ImportRowPolicy(validator);
        this.clock = clock;
    }

    /** Applies {@code row} to the account {@code accountId} and records its outcome for import-service. */
    Mono<Void> apply(UUID accountId, ImportRowSubmitted row) {
        Mono<ImportRowApplied> outcome = accountId == null ? Mono.empty()
                : accounts.lock(accountId).flatMap(account -> apply(account, row));
        return outcome
                .switchIfEmpty(Mono.fromSupplier(() -> result(row, null, ImportRowApplied.REFUSED,
                        ImportRowPolicy.ACCOUNT_NOT_FOUND)))
                .flatMap(result -> outbox.record(Topics.USER_IMPORT_RESULTS,
                        EventEnvelope.of(accountId, row.importId(), result, clock)));
    }

    private Mono<ImportRowApplied> apply(Account account, ImportRowSubmitted row) {
        String login = ImportRowPolicy.text(row.login());
        if (login == null) {
            return Mono.just(result(row, null, ImportRowApplied.REFUSED, ImportRowPolicy.MISSING_FIELDS));
        }
        return users.findByLoginForUpdate(account.id(), login).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(existing -> facts(account, row, existing.orElse(null)))
                .flatMap(facts -> switch (policy.decide(row, facts, UUID.randomUUID(), clock.instant())) {
                    case Refused refused -> Mono.just(result(row,
                            facts.existing() == null ? null : facts.existing().id(), ImportRowApplied.REFUSED,
                            refused.reason()));
                    case Create create -> create(account, row, create);
                    case Update update -> update(account, row, update);
                });
    }

    private Mono<Facts> facts(Account account, ImportRowSubmitted row, User existing) {
        String path = ImportRowPolicy.text(row.departmentPath());
        String supervisor = ImportRowPolicy.text(row.supervisorLogin());
        String email = ImportRowPolicy.text(row.email());
        Mono<Optional<UUID>> department = path != null ? optional(departments.idByPath(account.id(), path))
                : existing == null ? optional(accounts.rootDepartment(account.id())) : Mono.just(Optional.empty());
        Mono<Optional<UUID>> supervisorId = supervisor == null ? Mono.just(Optional.empty())
                : optional(users.idByLogin(account.id(), supervisor));
        Mono<Boolean> emailTaken = email == null ? Mono.just(false)
                : users.emailTaken(account.id(), email, existing == null ? null : existing.id());
        // the importing user's own reach: a role limited to departments imports into those only
        Mono<Scope> scope = row.actorId() == null ? Mono.just(Scope.WHOLE_ACCOUNT)
                : scopes.scope(new Caller(row.actorId(), account.id(), Set.of()), Permission.USERS_IMPORT_EXPORT);
        boolean activates = existing != null && row.status() == UserStatus.ACTIVE && existing.status() != UserStatus.ACTIVE;
        Mono<Boolean> seatAvailable = activates
                ? users.countActive(account.id()).map(active -> active < account.seatLimit()) : Mono.just(true);
        Mono<List<UUID>> roles = existing != null ? Mono.just(List.of())
                : accounts.roleOfKind(account.id(), RoleKind.LEARNER.name()).map(List::of).defaultIfEmpty(List.of());
        return Mono.zip(department, supervisorId, emailTaken, scope, seatAvailable, roles)
                .map(found -> new Facts(account, existing, found.getT1().orElse(null), found.getT2().orElse(null),
                        found.getT3(), found.getT4(), found.getT5(), found.getT6()));
    }

    private Mono<ImportRowApplied> create(Account account, ImportRowSubmitted row, Create create) {
        return userService.insert(account, create.user(), row.actorId(), source(row))
                .flatMap(created -> groups.addToGroupsNamed(account.id(), created.id(), row.groups(), row.actorId())
                        .map(added -> result(row, created.id(),
                                create.user().status() == UserStatus.ACTIVE && created.status() != UserStatus.ACTIVE
                                        ? ImportRowApplied.CREATED_INACTIVE : ImportRowApplied.CREATED,
                                added.unknownNames().isEmpty() ? null : ImportRowPolicy.UNKNOWN_GROUPS)));
    }

    private Mono<ImportRowApplied> update(Account account, ImportRowSubmitted row, Update update) {
        UUID userId = update.current().id();
        String source = source(row);
        Mono<Void> profile = update.fields().isEmpty() ? Mono.empty()
                : Mono.defer(() -> userService.saveProfile(update.current(), update.changed(), row.actorId(), source))
                        .then();
        Mono<Void> password = update.passwordHash() == null ? Mono.empty()
                : Mono.defer(() -> passwords.setHashed(account.id(), userId, update.passwordHash(), row.actorId(), source))
                        .then();
        Mono<Void> status = update.status() == null ? Mono.empty()
                : Mono.defer(() -> statusChanges.apply(account, List.of(userId), update.status(), row.actorId(), false,
                                clock.instant(), update.employmentEndedOn(), source))
                        .flatMap(outcome -> outcome.applied().isEmpty()
                                // decided under the same locks, so this cannot happen; fail and retry rather than half-apply
                                ? Mono.error(new IllegalStateException("Status change of " + userId + " skipped: "
                                        + outcome.skipped()))
                                : Mono.empty());
        return profile
                .then(Mono.defer(() -> groups.addToGroupsNamed(account.id(), userId, row.groups(), row.actorId())))
                .flatMap(added -> password.then(status).thenReturn(result(row, userId,
                        update.changesAnything() || !added.joined().isEmpty() ? ImportRowApplied.UPDATED
                                : ImportRowApplied.UNCHANGED,
                        added.unknownNames().isEmpty() ? null : ImportRowPolicy.UNKNOWN_GROUPS)));
    }

    private static ImportRowApplied result(ImportRowSubmitted row, UUID userId, String outcome, String reason) {
        return new ImportRowApplied(row.importId(), row.rowNumber(), row.login(), userId, outcome, reason);
    }

    private static String source(ImportRowSubmitted row) {
        return "import " + row.importId();
    }

    private static <T> Mono<Optional<T>> optional(Mono<T> value) {
        return value.map(Optional::of).defaultIfEmpty(Optional.empty());
    }
}
