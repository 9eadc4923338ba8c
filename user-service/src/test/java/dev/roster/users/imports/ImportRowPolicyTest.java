package dev.roster.users.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.events.imports.ImportRowSubmitted;
import dev.roster.events.user.UserStatus;
import dev.roster.platform.security.Permission;
import dev.roster.users.access.GrantPolicy.Grantor;
import dev.roster.users.access.GrantPolicy.HeldRole;
import dev.roster.users.access.GrantPolicy.Role;
import dev.roster.users.access.RoleKind;
import dev.roster.users.access.GrantPolicy.Holder;
import dev.roster.users.access.Scope;
import dev.roster.users.account.Account;
import dev.roster.users.imports.ImportRowPolicy.Create;
import dev.roster.users.imports.ImportRowPolicy.Decision;
import dev.roster.users.imports.ImportRowPolicy.Facts;
import dev.roster.users.imports.ImportRowPolicy.Refused;
import dev.roster.users.imports.ImportRowPolicy.Update;
import dev.roster.users.user.User;
import jakarta.validation.Validation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ImportRowPolicyTest {

    static final UUID ROOT = UUID.randomUUID();
    static final UUID SALES = UUID.randomUUID();
    static final UUID LEARNER = UUID.randomUUID();
    static final String HASH = "{bcrypt}$2a$10$abcdefghijklmnopqrstuv";

    final ImportRowPolicy policy = new ImportRowPolicy(Validation.buildDefaultValidatorFactory().getValidator());
    final Account account = new Account(UUID.randomUUID(), "acme", "Acme", ZoneId.of("Europe/Berlin"), 10,
            UUID.randomUUID(), 0);
    final User kim = user(UUID.randomUUID(), "kim", UserStatus.ACTIVE);

    @Test
    void aRowRepeatingWhatIsStoredChangesNothing() {
        Update update = (Update) decide(row("KIM", "kim@example.com", "Kim", "Kern", null, null, null), facts(kim));

        assertThat(update.changesAnything()).isFalse();
    }

    @Test
    void blankCellsLeaveTheirFieldsAsTheyAre() {
        ImportRowSubmitted row = new ImportRowSubmitted(UUID.randomUUID(), 1, null, "kim", " ", null, "", null, null,
                "Pilot", null, null, null, null, null);

        Update update = (Update) decide(row, facts(kim));

        assertThat(update.fields()).containsExactly("jobTitle");
        assertThat(update.changed().email()).isEqualTo("kim@example.com");
        assertThat(update.changed().phone()).isEqualTo("123");
        assertThat(update.passwordHash()).isNull();
        assertThat(update.status()).isNull();
    }

    @Test
    void passwordsAndEmailsOfTheOwnerAndOfMorePrivilegedUsersAreRefused() {
        User owner = User.create(account.ownerId(), account.id(), new User.Details("owner", "owner@example.com", "O",
                "Owner", ROOT, null, null, null, "en"), UserStatus.ACTIVE, null, HASH, Instant.EPOCH, List.of());
        Role everything = new Role(UUID.randomUUID(), RoleKind.ADMINISTRATOR, EnumSet.allOf(Permission.class), null);
        Role viewer = new Role(UUID.randomUUID(), RoleKind.CUSTOM, Set.of(Permission.USERS_VIEW, Permission.USERS_MANAGE,
                Permission.USERS_IMPORT_EXPORT), null);
        Grantor administrator = Grantor.of(UUID.randomUUID(), false, List.of(new HeldRole(everything, Set.of())));
        Grantor importer = Grantor.of(UUID.randomUUID(), false, List.of(new HeldRole(viewer, Set.of())));
        String other = "{bcrypt}$2a$10$zyxwvutsrqponmlkjihgfe";

        assertThat(decide(row("owner", null, null, null, other, null, null), facts(owner, administrator, List.of())))
                .isEqualTo(new Refused(ImportRowPolicy.ACCOUNT_OWNER));
        assertThat(decide(row("owner", "mine@example.com", null, null, null, null, null), facts(owner, administrator, List.of())))
                .isEqualTo(new Refused(ImportRowPolicy.ACCOUNT_OWNER));
        assertThat(decide(row("owner", null, "Olga", null, HASH, null, null), facts(owner, administrator, List.of())))
                .as("the stored hash and other fields are no credential change").isInstanceOf(Update.class);
        assertThat(decide(row("kim", null, null, null, other, null, null), facts(kim, importer, List.of(everything))))
                .isEqualTo(new Refused(ImportRowPolicy.PRIVILEGED_USER));
        assertThat(((Update) decide(row("kim", null, null, null, other, null, null), facts(kim, importer, List.of())))
                .passwordHash()).isEqualTo(other);
        assertThat(((Update) decide(row("kim", null, null, null, other, null, null), facts(kim, administrator,
                List.of(everything)))).passwordHash()).isEqualTo(other);
    }

    @Test
    void theStatusOfAMorePrivilegedUserIsNotTheImportersToChange() {
        Role everything = new Role(UUID.randomUUID(), RoleKind.ADMINISTRATOR, EnumSet.allOf(Permission.class), null);
        Role manager = new Role(UUID.randomUUID(), RoleKind.CUSTOM, Set.of(Permission.USERS_VIEW, Permission.USERS_MANAGE,
                Permission.USERS_IMPORT_EXPORT), null);
        Grantor importer = Grantor.of(UUID.randomUUID(), false, List.of(new HeldRole(manager, Set.of())));

        assertThat(decide(row("kim", null, null, null, null, UserStatus.EMPLOYMENT_ENDED, null),
                facts(kim, importer, List.of(everything)))).isEqualTo(new Refused(ImportRowPolicy.PRIVILEGED_USER));
        assertThat(decide(row("kim", null, null, null, null, UserStatus.EMPLOYMENT_ENDED, null),
                facts(kim, importer, List.of()))).isInstanceOf(Update.class);
    }

    @Test
    void aNewUserNeedsALoginAnEmailAndBothNames() {
        assertThat(decide(row("new", "new@example.com", "New", null, null, null, null), facts(null)))
                .isEqualTo(new Refused(ImportRowPolicy.MISSING_FIELDS));
        assertThat(decide(row("new", null, "New", "User", null, null, null), facts(null)))
                .isEqualTo(new Refused(ImportRowPolicy.MISSING_FIELDS));
        assertThat(decide(row(" ", "new@example.com", "New", "User", null, null, null), facts(null)))
                .isEqualTo(new Refused(ImportRowPolicy.MISSING_FIELDS));
    }

    @Test
    void aNewUserWithoutADepartmentOrRolesGetsTheRootDepartmentAndTheLearnerRole() {
        Create create = (Create) decide(row("new", "new@example.com", "New", "User", null, null, null), facts(null));

        assertThat(create.user().login()).isEqualTo("new");
        assertThat(create.user().status()).as("the seat limit is applied when inserting").isEqualTo(UserStatus.ACTIVE);
        assertThat(create.user().departmentId()).isEqualTo(ROOT);
        assertThat(create.user().roleIds()).containsExactly(LEARNER);
    }

    @Test
    void fieldsTheApiWouldRefuseAreRefused() {
        assertThat(decide(row("new", "not an email", "New", "User", null, null, null), facts(null)))
                .isEqualTo(new Refused(ImportRowPolicy.INVALID_FIELDS));
        assertThat(decide(row("with space", "new@example.com", "New", "User", null, null, null), facts(null)))
                .isEqualTo(new Refused(ImportRowPolicy.INVALID_FIELDS));
        assertThat(decide(row("kim", "not an email", null, null, null, null, null), facts(kim)))
                .isEqualTo(new Refused(ImportRowPolicy.INVALID_FIELDS));
    }

    @Test
    void onlyHashesInTheDelegatingFormatAreStoredAndNeverClearText() {
        for (String hash : List.of("secret", "{noop}secret", "{bcrypt}")) {
            assertThat(decide(row("kim", null, null, null, hash, null, null), facts(kim)))
                    .isEqualTo(new Refused(ImportRowPolicy.INVALID_PASSWORD_HASH));
        }
        assertThat(((Update) decide(row("kim", null, null, null, HASH, null, null), facts(kim))).passwordHash())
                .isEqualTo(HASH);
        User hashed = User.create(kim.id(), kim.accountId(), kim.details(), kim.status(), null, HASH, Instant.EPOCH,
                List.of(LEARNER));
        assertThat(((Update) decide(row("kim", null, null, null, HASH, null, null), facts(hashed))).changesAnything())
                .as("the same hash again").isFalse();
    }

    @Test
    void theAccountOwnersStatusCannotChangeButTheirOtherFieldsCan() {
        User owner = user(account.ownerId(), "owner", UserStatus.ACTIVE);

        for (UserStatus status : List.of(UserStatus.INACTIVE, UserStatus.EMPLOYMENT_ENDED)) {
            assertThat(decide(row("owner", null, null, null, null, status, null), facts(owner)))
                    .isEqualTo(new Refused(ImportRowPolicy.ACCOUNT_OWNER));
        }
        Update update = (Update) decide(new ImportRowSubmitted(UUID.randomUUID(), 1, null, "owner", null, null, null,
                null, null, "Boss", null, null, null, UserStatus.ACTIVE, null), facts(owner));
        assertThat(update.status()).isNull();
        assertThat(update.fields()).containsExactly("jobTitle");
    }

    @Test
    void activatingWithoutAFreeSeatIsRefused() {
        User sleeper = user(UUID.randomUUID(), "sleeper", UserStatus.INACTIVE);
        Facts full = new Facts(account, sleeper, null, null, false, Scope.WHOLE_ACCOUNT, false, List.of(),
                Grantor.system(), holder(sleeper));

        assertThat(decide(row("sleeper", null, null, null, null, UserStatus.ACTIVE, null), full))
                .isEqualTo(new Refused(ImportRowPolicy.SEAT_LIMIT));
        assertThat(((Update) decide(row("sleeper", null, null, null, null, UserStatus.EMPLOYMENT_ENDED, null), full))
                .status()).isEqualTo(UserStatus.EMPLOYMENT_ENDED);
    }

    @Test
    void endingEmploymentCarriesTheDateAndAnEndedUsersDateIsCorrected() {
        LocalDate date = LocalDate.of(2025, 3, 31);

        Update ending = (Update) decide(row("kim", null, null, null, null, UserStatus.EMPLOYMENT_ENDED, date), facts(kim));
        assertThat(ending.status()).isEqualTo(UserStatus.EMPLOYMENT_ENDED);
        assertThat(ending.employmentEndedOn()).isEqualTo(date);
        assertThat(ending.fields()).isEmpty();

        User ended = kim.with(UserStatus.EMPLOYMENT_ENDED, date.minusDays(1));
        Update correcting = (Update) decide(row("kim", null, null, null, null, UserStatus.EMPLOYMENT_ENDED, date),
                facts(ended));
        assertThat(correcting.status()).isNull();
        assertThat(correcting.fields()).containsExactly("employmentEndedOn");
    }

    @Test
    void anUnknownDepartmentIsRefused() {
        ImportRowSubmitted toNowhere = new ImportRowSubmitted(UUID.randomUUID(), 1, null, "kim", null, null, null, null,
                "Acme / Nowhere", null, null, null, null, null, null);
        assertThat(decide(toNowhere, facts(kim))).isEqualTo(new Refused(ImportRowPolicy.DEPARTMENT_NOT_FOUND));
    }

    @Test
    void anUnknownSupervisorIsRefused() {
        ImportRowSubmitted supervised = new ImportRowSubmitted(UUID.randomUUID(), 1, null, "kim", null, null, null, null,
                null, null, null, "boss", null, null, null);
        assertThat(decide(supervised, facts(kim))).isEqualTo(new Refused(ImportRowPolicy.SUPERVISOR_NOT_FOUND));
    }

    @Test
    void nobodySupervisesThemselvesWhateverTheCaseOfTheLogin() {
        ImportRowSubmitted self = new ImportRowSubmitted(UUID.randomUUID(), 1, null, "kim", null, null, null, null,
                null, null, null, "KIM", null, null, null);
        assertThat(decide(self, new Facts(account, kim, null, kim.id(), false, Scope.WHOLE_ACCOUNT, true, List.of(),
                Grantor.system(), holder(kim))))
                .isEqualTo(new Refused(ImportRowPolicy.SELF_SUPERVISOR));
    }

    @Test
    void anEmailAnotherUserHasIsRefused() {
        assertThat(decide(row("kim", "taken@example.com", null, null, null, null, null),
                new Facts(account, kim, null, null, true, Scope.WHOLE_ACCOUNT, true, List.of(),
                        Grantor.system(), holder(kim))))
                .isEqualTo(new Refused(ImportRowPolicy.EMAIL_TAKEN));
    }

    @Test
    void anImporterLimitedToDepartmentsImportsIntoThemOnly() {
        Scope sales = new Scope(false, Set.of(SALES));
        ImportRowSubmitted toSales = new ImportRowSubmitted(UUID.randomUUID(), 1, null, "kim", null, null, null, null,
                "Acme / Sales", null, null, null, null, null, null);

        assertThat(decide(toSales, new Facts(account, kim, SALES, null, false, sales, true, List.of(),
                Grantor.system(), holder(kim))))
                .as("kim is in the root department, outside the scope").isEqualTo(new Refused(ImportRowPolicy.OUT_OF_SCOPE));
        assertThat(decide(row("new", "new@example.com", "New", "User", null, null, null),
                new Facts(account, null, ROOT, null, false, sales, true, List.of(LEARNER), Grantor.system(), holder(null))))
                .isEqualTo(new Refused(ImportRowPolicy.OUT_OF_SCOPE));
        assertThat(decide(toSales, new Facts(account, null, SALES, null, false, sales, true, List.of(LEARNER),
                Grantor.system(), holder(null))))
                .as("a new user needs names").isEqualTo(new Refused(ImportRowPolicy.MISSING_FIELDS));
        User inSales = kim.with(new User.Details(kim.login(), kim.email(), kim.firstName(), kim.lastName(), SALES, null,
                null, null, "en"), List.of(LEARNER));
        assertThat(decide(row("kim", null, null, null, null, null, null),
                new Facts(account, inSales, null, null, false, sales, true, List.of(),
                        Grantor.system(), holder(inSales)))).isInstanceOf(Update.class);
    }

    private Decision decide(ImportRowSubmitted row, Facts facts) {
        return policy.decide(row, facts, UUID.randomUUID(), Instant.EPOCH);
    }

    private Facts facts(User existing) {
        return new Facts(account, existing, existing == null ? ROOT : null, null, false, Scope.WHOLE_ACCOUNT, true,
                existing == null ? List.of(LEARNER) : List.of(), Grantor.system(), holder(existing));
    }

    private Facts facts(User existing, Grantor importer, List<Role> roles) {
        return new Facts(account, existing, null, null, false, Scope.WHOLE_ACCOUNT, true, List.of(), importer,
                new Holder(existing.id(), existing.id().equals(account.ownerId()), existing.departmentId(), roles));
    }

    private Holder holder(User existing) {
        return existing == null ? null
                : new Holder(existing.id(), existing.id().equals(account.ownerId()), existing.departmentId(), List.of());
    }

    private static ImportRowSubmitted row(String login, String email, String firstName, String lastName,
            String passwordHash, UserStatus status, LocalDate endedOn) {
        return new ImportRowSubmitted(UUID.randomUUID(), 1, null, login, email, firstName, lastName, passwordHash, null,
                null, null, null, null, status, endedOn);
    }

    private User user(UUID id, String login, UserStatus status) {
        return User.create(id, account.id(), new User.Details(login, login + "@example.com", "Kim", "Kern", ROOT, null,
                "Driver", "123", "en"), status, null, null, Instant.EPOCH, List.of(LEARNER));
    }
}
