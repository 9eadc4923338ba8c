package dev.roster.users.imports;

import dev.roster.events.EventEnvelope;
import dev.roster.events.RosterEvent;
import dev.roster.events.Topics;
import dev.roster.events.imports.ImportRowApplied;
import dev.roster.events.imports.ImportRowSubmitted;
import dev.roster.events.imports.ImportRowsSubmitted;
import dev.roster.events.imports.ImportRowsApplied;
import dev.roster.events.user.UserStatus;
import dev.roster.platform.account.Seats;
import dev.roster.platform.outbox.Outbox;
import dev.roster.platform.security.Caller;
import dev.roster.platform.security.Permission;
import dev.roster.users.access.AccessScopes;
import dev.roster.users.access.GrantPolicy;
import dev.roster.users.access.GrantPolicy.Grantor;
import dev.roster.users.access.GrantPolicy.Holder;
import dev.roster.users.access.Grants;
import dev.roster.users.access.RoleKind;
import dev.roster.users.access.Scope;
import dev.roster.users.account.Account;
import dev.roster.users.account.AccountRepository;
import dev.roster.users.department.DepartmentService;
import dev.roster.users.group.GroupService;
import dev.roster.users.imports.ImportRowPolicy.Create;
import dev.roster.users.imports.ImportRowPolicy.Decision;
import dev.roster.users.imports.ImportRowPolicy.Facts;
import dev.roster.users.imports.ImportRowPolicy.Refused;
import dev.roster.users.imports.ImportRowPolicy.Update;
import dev.roster.users.signin.PasswordService;
import dev.roster.users.status.StatusWriter;
import dev.roster.users.user.User;
import dev.roster.users.user.UserRepository;
import dev.roster.users.user.UserWriter;
import dev.roster.users.user.UserWriter.ProfileEdit;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies import-service's rows in batches: all rows of one account in a batch under one lock of the
 * account, looked up and written with a few statements per batch instead of per row, through the same
 * services the API uses (creation with the seat limit, profile updates, passwords, status changes,
 * static groups), so that events, audit entries and access changes are the API's; the audit's source is
 * {@code import <importId>}. Records each row's {@link ImportRowApplied} in the outbox, up to
 * {@link ImportRowsApplied#MOST_ROWS} rows of an import to one {@link ImportRowsApplied}. Must run in a
 * transaction (the consumer's inbox transaction).
 *
 * <p>Each row is decided by {@link ImportRowPolicy} as if the rows applied one after another in their
 * order: seats, emails and new users taken by earlier rows count for later ones. The rows are looked up,
 * decided and written a wave at a time, in the order {@link ImportWaves} gives (rows of one login in order,
 * supervisors created in the batch before the rows naming them).
 */
@Service
class ImportRowService {

    private final AccountRepository accounts;
    private final UserRepository users;
    private final UserWriter writer;
    private final DepartmentService departments;
    private final GroupService groups;
    private final PasswordService passwords;
    private final StatusWriter statusChanges;
    private final AccessScopes scopes;
    private final Grants grants;
    private final Outbox outbox;
    private final ImportRowPolicy policy;
    private final Clock clock;

    ImportRowService(AccountRepository accounts, UserRepository users, UserWriter writer,
            DepartmentService departments, GroupService groups, PasswordService passwords,
            StatusWriter statusChanges, AccessScopes scopes, Grants grants, Outbox outbox, Validator validator,
            Clock clock) {
        this.accounts = accounts;
        this.users = users;
        this.writer = writer;
        this.departments = departments;
        this.groups = groups;
        this.passwords = passwords;
        this.statusChanges = statusChanges;
        this.scopes = scopes;
        this.grants = grants;
        this.outbox = outbox;
        this.policy = new ImportRowPolicy(validator);
        this.clock = clock;
    }

    /** Applies the rows among {@code events}, account by account, each account's in their order. */
    Mono<Void> apply(List<EventEnvelope<RosterEvent>> events) {
        Map<Optional<UUID>, List<ImportRowSubmitted>> byAccount = new LinkedHashMap<>();
        events.forEach(event -> {
            List<ImportRowSubmitted> rows = rows(event);
            if (!rows.isEmpty()) {
                byAccount.computeIfAbsent(Optional.ofNullable(event.accountId()), account -> new ArrayList<>()).addAll(rows);
            }
        });
        return Flux.fromIterable(byAccount.entrySet())
                .concatMap(account -> apply(account.getKey().orElse(null), account.getValue()))
                .then();
    }

    /**
     * Answers a row that could not be applied however often it was tried (it went to the dead-letter topic)
     * as refused, so that its import does not wait for it forever.
     */
    Mono<Void> refuse(EventEnvelope<RosterEvent> event) {
        List<ImportRowApplied> refused = ImportResults.refusedAll(rows(event), ImportRowPolicy.APPLY_FAILED);
        return refused.isEmpty() ? Mono.empty()
                : outbox.recordAll(Topics.USER_IMPORT_RESULTS, ImportResults.answers(event.accountId(), refused, clock));
    }

    /** The rows a command holds: many ({@link ImportRowsSubmitted}), or one (as import-service submitted them before). */
    private static List<ImportRowSubmitted> rows(EventEnvelope<RosterEvent> event) {
        return switch (event.data()) {
            case ImportRowsSubmitted command -> command.rows();
            case ImportRowSubmitted row -> List.of(row);
            default -> List.of();
        };
    }

    private Mono<Void> apply(UUID accountId, List<ImportRowSubmitted> rows) {
        Mono<List<ImportRowApplied>> results = accountId == null ? Mono.empty()
                : accounts.lock(accountId).flatMap(account -> new Batch(account, rows).apply());
        return results
                .switchIfEmpty(Mono.fromSupplier(() -> ImportResults.refusedAll(rows, ImportRowPolicy.ACCOUNT_NOT_FOUND)))
                .flatMap(applied -> outbox.recordAll(Topics.USER_IMPORT_RESULTS,
                        ImportResults.answers(accountId, applied, clock)));
    }

    /** The rows of one account in one batch, and what the batch has learnt and decided so far. */
    private final class Batch {

        private final Account account;
        private final List<ImportRowSubmitted> rows;
        private final ImportWaves waves;
        private final ImportResults results;
        private final Map<String, Optional<UUID>> departmentsByPath = new HashMap<>();
        private final Map<UUID, Scope> scopesByActor = new HashMap<>();
        private final Map<UUID, Grantor> grantorsByActor = new HashMap<>();
        private Map<UUID, GrantPolicy.Role> roles;
        private final Instant now = clock.instant();
        private Seats seats;
        private List<UUID> learnerRoles;
        private UUID rootDepartment;

        Batch(Account account, List<ImportRowSubmitted> rows) {
            this.account = account;
            this.rows = rows;
            this.waves = new ImportWaves(rows);
            this.results = new ImportResults(rows);
        }

        Mono<List<ImportRowApplied>> apply() {
            waves.withoutLogin().forEach(i -> results.refused(i, null, ImportRowPolicy.MISSING_FIELDS));
            return users.countActive(account.id())
                    .zipWith(accounts.roleOfKind(account.id(), RoleKind.LEARNER.name()).map(List::of)
                            .defaultIfEmpty(List.of()))
                    .zipWith(grants.allRoles(account.id()))
                    .flatMap(found -> {
                        seats = new Seats(account.seatLimit(), found.getT1().getT1());
                        learnerRoles = found.getT1().getT2();
                        roles = found.getT2();
                        return optional(accounts.rootDepartment(account.id()));
                    })
                    .flatMap(root -> {
                        rootDepartment = root.orElse(null);
                        return next();
                    })
                    .then(Mono.fromSupplier(results::all));
        }

        /** Applies the waves one after another: a wave's lookups see what the waves before it wrote. */
        private Mono<Void> next() {
            List<Integer> wave = waves.next();
            return wave == null ? Mono.empty() : wave(wave).then(Mono.defer(this::next));
        }

        /** Looks up what the wave's rows refer to, decides them and writes them. */
        private Mono<Void> wave(List<Integer> wave) {
            Set<String> logins = collect(wave, row -> ImportRowPolicy.lower(row.login()));
            Set<String> supervisors = collect(wave, row -> ImportRowPolicy.lower(row.supervisorLogin()));
            Set<String> emails = collect(wave, row -> ImportRowPolicy.lower(row.email()));
            List<String> paths = collect(wave, row -> ImportRowPolicy.lower(row.departmentPath())).stream()
                    .filter(path -> !departmentsByPath.containsKey(path)).toList();
            List<UUID> actors = collect(wave, ImportRowSubmitted::actorId).stream()
                    .filter(actor -> !scopesByActor.containsKey(actor)).toList();
            Mono<Void> known = Flux.fromIterable(paths)
                    .concatMap(path -> optional(departments.idByPath(account.id(), path))
                            .doOnNext(id -> departmentsByPath.put(path, id)))
                    .thenMany(Flux.fromIterable(actors)
                            .concatMap(actor -> scopes.scope(new Caller(actor, account.id(), Set.of()),
                                            Permission.USERS_IMPORT_EXPORT)
                                    .doOnNext(scope -> scopesByActor.put(actor, scope))
                                    .then(grants.grantor(account.id(), actor))
                                    .doOnNext(grantor -> grantorsByActor.put(actor, grantor))))
                    .then();
            return known
                    .then(users.findByLoginsForUpdate(account.id(), logins)
                            .collectMap(user -> user.login().toLowerCase(Locale.ROOT)))
                    .flatMap(existing -> users.idsByLogin(account.id(), supervisors)
                            .flatMap(supervisorIds -> users.idsByEmail(account.id(), emails)
                                    .map(emailOwners -> new Decisions(existing, emailOwners).decide(wave, supervisorIds))))
                    .flatMap(this::write);
        }

        /** An existing user as {@link GrantPolicy} sees them. */
        private Holder holder(User user) {
            return new Holder(user.id(), account.isOwner(user.id()), user.departmentId(),
                    user.roleIds().stream().map(roles::get).filter(java.util.Objects::nonNull).toList());
        }

        /** The rows of a wave decided in the order {@link ImportWaves} gives, with what each takes from the rows after it. */
        private final class Decisions {

            private final Map<String, User> existing;
            private final Map<String, UUID> emailOwners;
            private final Map<UUID, Planned> byImport = new LinkedHashMap<>();

            Decisions(Map<String, User> existing, Map<String, UUID> emailOwners) {
                this.existing = existing;
                this.emailOwners = new HashMap<>(emailOwners);
            }

            Decisions decide(List<Integer> wave, Map<String, UUID> supervisorIds) {
                waves.decide(wave, existing.keySet(), supervisorIds, this::decide);
                return this;
            }

            /** Decides row {@code i} with its supervisor; answers the id of the user it creates, or null. */
            private UUID decide(int i, UUID supervisorId) {
                ImportRowSubmitted row = rows.get(i);
                String login = ImportRowPolicy.lower(row.login());
                User current = existing.get(login);
                String path = ImportRowPolicy.lower(row.departmentPath());
                UUID departmentId = path != null ? departmentsByPath.get(path).orElse(null)
                        : current == null ? rootDepartment : null;
                String email = ImportRowPolicy.lower(row.email());
                UUID emailOwner = email == null ? null : emailOwners.get(email);
                boolean emailTaken = emailOwner != null && (current == null || !emailOwner.equals(current.id()));
                // the confirming user's USERS_IMPORT_EXPORT scope as it is now; a row nobody vouches for reaches nobody
                Scope scope = row.actorId() == null ? new Scope(false, Set.of()) : scopesByActor.get(row.actorId());
                Grantor importer = row.actorId() == null ? Grantor.system() : grantorsByActor.get(row.actorId());
                Facts facts = new Facts(account, current, departmentId, supervisorId, emailTaken, scope,
                        seats.available(), current == null ? learnerRoles : List.of(), importer,
                        current == null ? null : holder(current));
                Decision decision = policy.decide(row, facts, UUID.randomUUID(), now);
                Planned planned = byImport.computeIfAbsent(row.importId(), importId -> new Planned(row.actorId(), importId));
                switch (decision) {
                    case Refused refused -> {
                        results.refused(i, current == null ? null : current.id(), refused.reason());
                        return null;
                    }
                    case Create create -> {
                        User user = create.user();
                        if (user.status() == UserStatus.ACTIVE) {
                            // none free: UserWriter.insertAll creates the user Inactive, counting as this does
                            seats.take();
                        }
                        emailOwners.put(email, user.id());
                        planned.creates.put(i, user);
                        return user.id();
                    }
                    case Update update -> {
                        if (update.status() == UserStatus.ACTIVE) {
                            seats.occupy();
                        }
                        else if (update.status() != null && current.status() == UserStatus.ACTIVE) {
                            seats.free();
                        }
                        String before = current.email().toLowerCase(Locale.ROOT);
                        String after = update.changed().email().toLowerCase(Locale.ROOT);
                        if (!before.equals(after)) {
                            emailOwners.remove(before, current.id());
                            emailOwners.put(after, current.id());
                        }
                        planned.updates.put(i, update);
                        return null;
                    }
                }
            }
        }

        /** What one import's rows of a wave write. */
        private static final class Planned {

            final UUID actorId;
            final String source;
            final Map<Integer, User> creates = new LinkedHashMap<>();
            final Map<Integer, Update> updates = new LinkedHashMap<>();
            final Map<Integer, User> stored = new HashMap<>();

            Planned(UUID actorId, UUID importId) {
                this.actorId = actorId;
                this.source = "import " + importId;
            }
        }

        /**
         * Writes the wave's decisions, import by import, in an order that keeps every step within the seat
         * limit: profiles and passwords, then changes that free seats, then new users, then activations,
         * then groups.
         */
        private Mono<Void> write(Decisions decided) {
            List<Planned> planned = List.copyOf(decided.byImport.values());
            return Flux.fromIterable(planned).concatMap(this::profiles)
                    .thenMany(Flux.fromIterable(planned).concatMap(this::passwords))
                    .thenMany(Flux.fromIterable(planned).concatMap(plan -> statuses(plan, false)))
                    .thenMany(Flux.fromIterable(planned).concatMap(this::creates))
                    .thenMany(Flux.fromIterable(planned).concatMap(plan -> statuses(plan, true)))
                    .thenMany(Flux.fromIterable(planned).concatMap(this::groupsAndResults))
                    .then();
        }

        private Mono<Void> profiles(Planned plan) {
            List<ProfileEdit> edits = plan.updates.values().stream().filter(update -> !update.fields().isEmpty())
                    .map(update -> new ProfileEdit(update.current(), update.changed())).toList();
            return edits.isEmpty() ? Mono.empty() : writer.saveProfiles(edits, plan.actorId, plan.source).then();
        }

        private Mono<Void> passwords(Planned plan) {
            return Flux.fromIterable(plan.updates.values())
                    .filter(update -> update.passwordHash() != null)
                    .concatMap(update -> passwords.setHashed(account.id(), update.current().id(), update.passwordHash(),
                            plan.actorId, plan.source))
                    .then();
        }

        /** The status changes to ACTIVE ({@code activations}) or to the other statuses, a statement per target and date. */
        private Mono<Void> statuses(Planned plan, boolean activations) {
            Map<List<Object>, List<UUID>> byTarget = new LinkedHashMap<>();
            plan.updates.values().stream()
                    .filter(update -> update.status() != null && (update.status() == UserStatus.ACTIVE) == activations)
                    .forEach(update -> byTarget.computeIfAbsent(Arrays.asList(update.status(), update.employmentEndedOn()),
                            target -> new ArrayList<>()).add(update.current().id()));
            return Flux.fromIterable(byTarget.entrySet())
                    .concatMap(target -> statusChanges.apply(account, target.getValue(), (UserStatus) target.getKey().get(0),
                                    plan.actorId, false, now, (LocalDate) target.getKey().get(1), plan.source)
                            // decided under the same locks, so this cannot happen; fail and retry rather than half-apply
                            .flatMap(outcome -> outcome.skipped().isEmpty() ? Mono.<Void>empty()
                                    : Mono.error(new IllegalStateException("Status changes skipped: " + outcome.skipped()))))
                    .then();
        }

        private Mono<Void> creates(Planned plan) {
            List<Integer> indexes = List.copyOf(plan.creates.keySet());
            return plan.creates.isEmpty() ? Mono.empty()
                    : writer.insertAll(account, List.copyOf(plan.creates.values()), plan.actorId, plan.source)
                            .doOnNext(stored -> {
                                for (int n = 0; n < indexes.size(); n++) {
                                    plan.stored.put(indexes.get(n), stored.get(n));
                                }
                            })
                            .then();
        }

        private Mono<Void> groupsAndResults(Planned plan) {
            Map<UUID, List<String>> names = new HashMap<>();
            plan.creates.forEach((i, user) -> names.put(user.id(), rows.get(i).groups()));
            plan.updates.forEach((i, update) -> names.put(update.current().id(), rows.get(i).groups()));
            return groups.addToGroupsNamed(account.id(), names, plan.actorId).doOnNext(additions -> {
                plan.creates.forEach((i, user) -> results.created(i, user, plan.stored.get(i), additions.get(user.id())));
                plan.updates.forEach((i, update) -> results.updated(i, update, additions.get(update.current().id())));
            }).then();
        }

        private <T> Set<T> collect(List<Integer> wave, Function<ImportRowSubmitted, T> value) {
            Set<T> values = new HashSet<>();
            wave.forEach(i -> {
                T found = value.apply(rows.get(i));
                if (found != null) {
                    values.add(found);
                }
            });
            return values;
        }
    }

    private static <T> Mono<Optional<T>> optional(Mono<T> value) {
        return value.map(Optional::of).defaultIfEmpty(Optional.empty());
    }
}
