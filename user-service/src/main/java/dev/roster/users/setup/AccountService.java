package dev.roster.users.setup;

import dev.roster.users.account.Account;
import dev.roster.users.account.AccountRepository;
import dev.roster.events.EventEnvelope;
import dev.roster.events.Topics;
import dev.roster.events.user.AccountChanged;
import dev.roster.events.user.DepartmentChanged;
import dev.roster.events.user.UserStatus;
import dev.roster.platform.outbox.Outbox;
import dev.roster.platform.problem.ProblemException;
import dev.roster.platform.security.Caller;
import dev.roster.platform.security.Permission;
import dev.roster.users.access.RoleKind;
import dev.roster.users.audit.AuditLog;
import dev.roster.users.credential.PasswordHasher;
import dev.roster.users.department.DepartmentRepository;
import dev.roster.users.role.Role;
import dev.roster.users.role.RoleRepository;
import dev.roster.users.user.User;
import dev.roster.users.user.UserEvents;
import dev.roster.users.user.UserRepository;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Creates accounts with their owner, built-in roles and root department; shows and changes them. */
@Service
class AccountService {

    private final AccountRepository accounts;
    private final RoleRepository roles;
    private final DepartmentRepository departments;
    private final UserRepository users;
    private final UserEvents events;
    private final AuditLog audit;
    private final PasswordHasher passwords;
    private final TransactionalOperator transactions;
    private final Outbox outbox;
    private final Clock clock;

    AccountService(AccountRepository accounts, RoleRepository roles, DepartmentRepository departments,
            UserRepository users, UserEvents events, AuditLog audit, PasswordHasher passwords,
            TransactionalOperator transactions, Outbox outbox, Clock clock) {
        this.accounts = accounts;
        this.roles = roles;
        this.departments = departments;
        this.users = users;
        this.events = events;
        this.audit = audit;
        this.passwords = passwords;
        this.transactions = transactions;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Mono<Account> create(CreateAccountRequest request) {
        ZoneId zone = zone(request.timeZone());
        Account account = new Account(UUID.randomUUID(), request.slug(), request.name().strip(), zone,
                request.seatLimit(), null, 0);
        UUID ownerId = UUID.randomUUID();
        return accounts.findBySlug(request.slug())
                .flatMap(existing -> Mono.<String>error(ProblemException.conflict("slug-taken",
                        "An account with the slug '" + request.slug() + "' already exists")))
                .switchIfEmpty(passwords.hash(request.owner().password()))
                .flatMap(hash -> accounts.insert(account)
                        .then(roles.save(Role.builtIn(account.id(), RoleKind.OWNER)).map(Role::id))
                        .flatMap(ownerRole -> roles.save(Role.builtIn(account.id(), RoleKind.ADMINISTRATOR))
                                .then(roles.save(Role.builtIn(account.id(), RoleKind.LEARNER)))
                                .then(departments.insert(account.id(), null, account.name()))
                                .flatMap(root -> outbox.record(Topics.USERS, EventEnvelope.of(account.id(), root,
                                        new DepartmentChanged(root, null, account.name(), account.name(), List.of(), null),
                                        clock)).thenReturn(root))
                                .flatMap(root -> {
                                    CreateAccountRequest.Owner owner = request.owner();
                                    User user = User.create(ownerId, account.id(), new User.Details(
                                                    owner.login().strip(), owner.email().strip(),
                                                    owner.firstName().strip(), owner.lastName().strip(), root, null,
                                                    null, null, "en"),
                                            UserStatus.ACTIVE, null, hash, clock.instant(), List.of(ownerRole));
                                    return users.insert(user)
                                            .then(accounts.setOwner(account.id(), ownerId))
                                            .then(changed(new Account(account.id(), account.slug(), account.name(),
                                                    account.timeZone(), account.seatLimit(), ownerId, 0)))
                                            .then(audit.record(account.id(), ownerId, null, "user.created",
                                                    Map.of("status", "ACTIVE", "role", "OWNER"), "operator"))
                                            .then(users.find(account.id(), ownerId))
                                            .flatMap(created -> events.created(created, null));
                                }))
                        .as(transactions::transactional))
                .then(accounts.find(account.id()));
    }

    public Mono<AccountResponse> show(Caller caller) {
        return accounts.find(caller.accountId())
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("The account")))
                .zipWith(users.countActive(caller.accountId()), AccountResponse::from);
    }

    public Mono<AccountResponse> update(Caller caller, UpdateAccountRequest request) {
        caller.require(Permission.ACCOUNT_MANAGE);
        return accounts.find(caller.accountId())
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("The account")))
                .flatMap(current -> {
                    Account changed = new Account(current.id(), current.slug(),
                            request.name() == null ? current.name() : request.name().strip(),
                            request.timeZone() == null ? current.timeZone() : zone(request.timeZone()),
                            request.seatLimit() == null ? current.seatLimit() : request.seatLimit(),
                            current.ownerId(), current.version());
                    return accounts.update(changed, current.version())
                            .flatMap(updated -> updated ? changed(changed)
                                    : Mono.error(ProblemException.changedMeanwhile("The account")));
                })
                .as(transactions::transactional)
                .then(show(caller));
    }

    /** The account's owner and seat limit for other services, in the caller's transaction. */
    private Mono<Void> changed(Account account) {
        return outbox.record(Topics.USERS, EventEnvelope.of(account.id(), account.id(), new AccountChanged(account.id(),
                account.slug(), account.name(), account.timeZone().getId(), account.seatLimit(), account.ownerId()), clock));
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        }
        catch (DateTimeException ex) {
            throw ProblemException.badRequest("invalid-time-zone", "'" + id + "' is not an IANA time zone such as Europe/Berlin");
        }
    }
}
