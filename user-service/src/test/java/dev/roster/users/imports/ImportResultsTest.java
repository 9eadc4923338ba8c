package dev.roster.users.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.roster.events.EventEnvelope;
import dev.roster.events.imports.ImportRowApplied;
import dev.roster.events.imports.ImportRowSubmitted;
import dev.roster.events.imports.ImportRowsApplied;
import dev.roster.events.user.UserStatus;
import dev.roster.users.group.GroupService.Additions;
import dev.roster.users.imports.ImportRowPolicy.Update;
import dev.roster.users.user.User;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ImportResultsTest {

    static final Additions NO_GROUPS = new Additions(List.of(), List.of());

    final UUID importId = UUID.randomUUID();
    final List<ImportRowSubmitted> rows = List.of(row(importId, 2, "kim"), row(importId, 3, "ann"), row(importId, 4, "eve"));
    final ImportResults results = new ImportResults(rows);

    @Test
    void resultsAreInTheRowsOrderWhateverTheOrderTheyWereDecidedIn() {
        User kim = user("kim", UserStatus.INACTIVE);
        User ann = user("ann", UserStatus.ACTIVE);
        results.refused(2, null, ImportRowPolicy.MISSING_FIELDS);
        results.updated(1, new Update(ann, ann, List.of(), null, null, null), NO_GROUPS);
        results.refused(0, kim.id(), ImportRowPolicy.SEAT_LIMIT);

        assertThat(results.all()).extracting(ImportRowApplied::rowNumber, ImportRowApplied::login,
                ImportRowApplied::userId, ImportRowApplied::outcome, ImportRowApplied::reason).containsExactly(
                tuple(2, "kim", kim.id(), ImportRowApplied.REFUSED, ImportRowPolicy.SEAT_LIMIT),
                tuple(3, "ann", ann.id(), ImportRowApplied.UNCHANGED, null),
                tuple(4, "eve", null, ImportRowApplied.REFUSED, ImportRowPolicy.MISSING_FIELDS));
        assertThat(results.all()).extracting(ImportRowApplied::importId).containsOnly(importId);
    }

    @Test
    void aNewUserDecidedActiveButStoredInactiveWasCreatedInactive() {
        User active = user("kim", UserStatus.ACTIVE);
        User inactive = user("kim", UserStatus.INACTIVE);

        results.created(0, active, inactive, NO_GROUPS);
        results.created(1, inactive, inactive, NO_GROUPS);
        results.created(2, active, active, NO_GROUPS);

        assertThat(results.all()).extracting(ImportRowApplied::outcome).containsExactly(
                ImportRowApplied.CREATED_INACTIVE, ImportRowApplied.CREATED, ImportRowApplied.CREATED);
        assertThat(results.all().getFirst().userId()).isEqualTo(inactive.id());
    }

    @Test
    void anUpdateThatChangesNothingIsUnchangedUnlessTheUserJoinedAGroup() {
        User kim = user("kim", UserStatus.ACTIVE);
        Update nothing = new Update(kim, kim, List.of(), null, null, null);

        results.updated(0, nothing, NO_GROUPS);
        results.updated(1, nothing, new Additions(List.of(UUID.randomUUID()), List.of()));
        results.updated(2, new Update(kim, kim, List.of("jobTitle"), null, null, null), NO_GROUPS);

        assertThat(results.all()).extracting(ImportRowApplied::outcome).containsExactly(
                ImportRowApplied.UNCHANGED, ImportRowApplied.UPDATED, ImportRowApplied.UPDATED);
    }

    @Test
    void groupNamesOfNoGroupAreTheReasonOfAnAppliedRow() {
        User kim = user("kim", UserStatus.ACTIVE);
        Additions unknown = new Additions(List.of(), List.of("No such group"));

        results.created(0, kim, kim, unknown);
        results.updated(1, new Update(kim, kim, List.of(), null, null, null), unknown);
        results.updated(2, new Update(kim, kim, List.of(), null, null, null), NO_GROUPS);

        assertThat(results.all()).extracting(ImportRowApplied::outcome, ImportRowApplied::reason).containsExactly(
                tuple(ImportRowApplied.CREATED, ImportRowPolicy.UNKNOWN_GROUPS),
                tuple(ImportRowApplied.UNCHANGED, ImportRowPolicy.UNKNOWN_GROUPS),
                tuple(ImportRowApplied.UNCHANGED, null));
    }

    @Test
    void rowsRefusedTogetherNameNoUser() {
        assertThat(ImportResults.refusedAll(rows, ImportRowPolicy.APPLY_FAILED))
                .extracting(ImportRowApplied::rowNumber, ImportRowApplied::userId, ImportRowApplied::outcome,
                        ImportRowApplied::reason)
                .containsExactly(tuple(2, null, ImportRowApplied.REFUSED, ImportRowPolicy.APPLY_FAILED),
                        tuple(3, null, ImportRowApplied.REFUSED, ImportRowPolicy.APPLY_FAILED),
                        tuple(4, null, ImportRowApplied.REFUSED, ImportRowPolicy.APPLY_FAILED));
        assertThat(ImportResults.refusedAll(List.of(), ImportRowPolicy.APPLY_FAILED)).isEmpty();
    }

    @Test
    void answersCarryEachImportsResultsInTheirOrderAtMostFiveHundredToAnEvent() {
        UUID accountId = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        List<ImportRowApplied> applied = new ArrayList<>();
        for (int row = 0; row < 1_001; row++) {
            applied.add(refused(importId, row));
            if (row < 2) {
                applied.add(refused(other, row));
            }
        }
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

        List<EventEnvelope<ImportRowsApplied>> answers = ImportResults.answers(accountId, applied, clock);

        assertThat(answers).extracting(answer -> answer.data().importId(), answer -> answer.data().rows().size())
                .containsExactly(tuple(importId, 500), tuple(importId, 500), tuple(importId, 1), tuple(other, 2));
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.subject()).isEqualTo(answer.data().importId().toString());
            assertThat(answer.accountId()).isEqualTo(accountId);
            assertThat(answer.occurredAt()).isEqualTo(clock.instant());
        });
        assertThat(answers.stream().limit(3).flatMap(answer -> answer.data().rows().stream()))
                .extracting(ImportRowApplied::rowNumber).isSorted().hasSize(1_001);
        assertThat(ImportResults.answers(accountId, List.of(), clock)).isEmpty();
    }

    private static ImportRowApplied refused(UUID importId, int row) {
        return new ImportRowApplied(importId, row, "user" + row, null, ImportRowApplied.REFUSED,
                ImportRowPolicy.MISSING_FIELDS);
    }

    private static ImportRowSubmitted row(UUID importId, int number, String login) {
        return new ImportRowSubmitted(importId, number, null, login, null, null, null, null, null, null, null, null,
                List.of(), null, null);
    }

    private static User user(String login, UserStatus status) {
        return new User(UUID.randomUUID(), UUID.randomUUID(), login, login + "@example.com", "First", "Last", status,
                null, null, null, null, null, "en", null, Instant.EPOCH, null, 0, null, null, null, List.of(), 0);
    }
}
