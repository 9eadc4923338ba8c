package dev.roster.users.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.events.imports.ImportRowSubmitted;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ImportWavesTest {

    /** The account's users by login in lower case: those stored before the batch and those its waves wrote. */
    final Map<String, UUID> stored = new HashMap<>();
    final Map<UUID, String> logins = new HashMap<>();
    /** Logins whose rows the policy refuses for some other reason than their supervisor. */
    final Set<String> refused = new HashSet<>();

    @Test
    void anEmptyBatchHasNoWave() {
        ImportWaves waves = new ImportWaves(List.of());

        assertThat(waves.next()).isNull();
        assertThat(waves.withoutLogin()).isEmpty();
    }

    @Test
    void rowsWithoutALoginAreInNoWave() {
        List<ImportRowSubmitted> rows = List.of(row(null), row("kim"), row("  "));

        assertThat(new ImportWaves(rows).withoutLogin()).containsExactly(0, 2);
        assertThat(apply(rows)).containsExactly("1: kim");
    }

    @Test
    void rowsOfDifferentLoginsAreOneWaveDecidedInTheirOrder() {
        List<ImportRowSubmitted> rows = List.of(row("c"), row("a"), row("b"));
        ImportWaves waves = new ImportWaves(rows);

        assertThat(waves.next()).containsExactly(0, 1, 2);
        assertThat(waves.next()).isNull();
        assertThat(apply(rows)).containsExactly("1: c", "1: a", "1: b");
    }

    @Test
    void theNthRowOfALoginIsInTheNthWaveWhateverTheCaseOfTheLogin() {
        List<ImportRowSubmitted> rows = List.of(row("kim"), row("ann"), row(" KIM "), row("Kim"), row("ann"));
        ImportWaves waves = new ImportWaves(rows);

        assertThat(waves.next()).containsExactly(0, 1);
        assertThat(waves.next()).containsExactly(2, 4);
        assertThat(waves.next()).containsExactly(3);
        assertThat(waves.next()).isNull();
        assertThat(apply(rows)).containsExactly("1: kim", "1: ann", "2:  KIM ", "2: ann", "3: Kim");
    }

    @Test
    void aSupervisorWhoIsStoredIsGivenAtOnceToNewAndExistingUsers() {
        store("boss", "kim");

        assertThat(apply(row("ann", "BOSS"), row("kim", "boss"), row("boss"))).containsExactly(
                "1: ann under boss", "1: kim under boss", "1: boss");
    }

    @Test
    void aSupervisorNobodyCreatesInTheWaveIsNotWaitedFor() {
        assertThat(apply(row("kim", "ghost"), row("ann"))).containsExactly("1: kim", "1: ann");
    }

    @Test
    void aRowNamingAUserALaterRowOfItsWaveCreatesIsDecidedAfterThatRowWithTheNewUser() {
        assertThat(apply(row("report", "Boss"), row("other"), row("boss"))).containsExactly(
                "1: other", "1: boss", "1: report under boss");
    }

    @Test
    void aChainOfNewSupervisorsIsDecidedFromItsTop() {
        assertThat(apply(row("c", "b"), row("b", "a"), row("a"))).containsExactly(
                "1: a", "1: b under a", "1: c under b");
    }

    @Test
    void rowsNamingEachOtherAreDecidedWithoutWaitingOnceNoOtherRowCanBe() {
        assertThat(apply(row("a", "b"), row("b", "a"), row("c", "d"), row("d"))).containsExactly(
                "1: d", "1: c under d", "1: a", "1: b");
    }

    @Test
    void aRowWaitingForARowThatCreatesNobodyIsDecidedWithoutSupervisor() {
        refused.add("boss");

        assertThat(apply(row("report", "boss"), row("boss"), row("boss"))).containsExactly(
                "1: boss", "1: report", "2: boss");
    }

    @Test
    void aRowNamingItselfDoesNotWaitForItself() {
        store("eve");

        assertThat(apply(row("kim", "KIM"), row("eve", "eve"), row("ann"))).containsExactly(
                "1: kim", "1: eve under eve", "1: ann");
    }

    @Test
    void anExistingUsersRowNamingAUserItsWaveCreatesIsDecidedInAWaveOfItsOwnRightAfter() {
        store("manager", "clerk");

        assertThat(apply(row("manager", "boss"), row("clerk", "boss"), row("boss"), row("boss"), row("manager")))
                .containsExactly("1: boss", "2: manager under boss", "2: clerk under boss", "3: boss", "3: manager");
    }

    @Test
    void anExistingUsersRowNamingTheEndOfANewChainIsDecidedOnceTheChainIsWritten() {
        store("manager");

        assertThat(apply(row("manager", "lead"), row("lead", "boss"), row("boss"))).containsExactly(
                "1: boss", "1: lead under boss", "2: manager under lead");
    }

    @Test
    void aLaterWaveSeesTheUsersTheWavesBeforeItCreated() {
        assertThat(apply(row("boss"), row("kim", "boss"), row("boss", "kim"))).containsExactly(
                "1: boss", "1: kim under boss", "2: boss under kim");
    }

    private void store(String... names) {
        Arrays.stream(names).forEach(login -> {
            UUID id = UUID.randomUUID();
            stored.put(login, id);
            logins.put(id, login);
        });
    }

    private List<String> apply(ImportRowSubmitted... rows) {
        return apply(List.of(rows));
    }

    /**
     * Applies the waves as {@link ImportRowService} does: a wave's lookups see what the waves before it wrote,
     * and a row creates its login's user unless the user is stored or the row is refused: because its login is in
     * {@link #refused}, or because it names a supervisor it is not given ({@link ImportRowPolicy} refuses it
     * as {@code SUPERVISOR_NOT_FOUND} or {@code SELF_SUPERVISOR}). Answers the decisions in their order as
     * {@code "<wave>: <login as written> under <supervisor>"}.
     */
    private List<String> apply(List<ImportRowSubmitted> rows) {
        ImportWaves waves = new ImportWaves(rows);
        List<String> decided = new ArrayList<>();
        int number = 0;
        List<Integer> next;
        while ((next = waves.next()) != null) {
            List<Integer> wave = next;
            int current = ++number;
            Set<String> existing = wave.stream().map(i -> ImportRowPolicy.lower(rows.get(i).login()))
                    .filter(stored::containsKey).collect(Collectors.toSet());
            Map<String, UUID> supervisorIds = wave.stream().map(i -> ImportRowPolicy.lower(rows.get(i).supervisorLogin()))
                    .filter(Objects::nonNull).filter(stored::containsKey).distinct()
                    .collect(Collectors.toMap(login -> login, stored::get));
            Map<String, UUID> written = new HashMap<>();
            Set<Integer> seen = new HashSet<>();
            waves.decide(wave, existing, supervisorIds, (i, supervisorId) -> {
                assertThat(seen.add(i)).as("row %d decided once", i).isTrue();
                assertThat(wave).contains(i);
                decided.add(current + ": " + rows.get(i).login()
                        + (supervisorId == null ? "" : " under " + logins.get(supervisorId)));
                String login = ImportRowPolicy.lower(rows.get(i).login());
                if (existing.contains(login) || refused.contains(login)
                        || rows.get(i).supervisorLogin() != null && supervisorId == null) {
                    return null;
                }
                UUID id = UUID.randomUUID();
                written.put(login, id);
                logins.put(id, login);
                return id;
            });
            stored.putAll(written);
        }
        return decided;
    }

    private static ImportRowSubmitted row(String login) {
        return row(login, null);
    }

    private static ImportRowSubmitted row(String login, String supervisorLogin) {
        return new ImportRowSubmitted(UUID.randomUUID(), 1, null, login, null, null, null, null, null, null, null,
                supervisorLogin, List.of(), null, null);
    }
}
