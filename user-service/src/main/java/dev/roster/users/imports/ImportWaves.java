package dev.roster.users.imports;

import dev.roster.events.imports.ImportRowSubmitted;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The order in which the rows of one account in a batch are decided and written, so that they apply as if one
 * after another; without Spring, a database or Reactor. Logins compare case-insensitively; a blank cell names
 * nobody.
 *
 * <ul>
 * <li>The n-th row of a login is in the n-th wave; a row without a login is in none (it is refused at once).
 * <li>Within a wave, a row naming as supervisor a user that another row of the wave creates is decided after
 *     that row, with the new user's id; a chain is decided from its top. Rows still waiting once no other row
 *     can be decided (a cycle, or a supervisor whose row created nobody) are then decided in their order without
 *     waiting, so without their supervisor unless one of them created it ({@link ImportRowPolicy} refuses a row
 *     whose supervisor is not found). A row naming itself never waits.
 * <li>An existing user's row naming a user created in its wave is decided in a wave of its own, right after it,
 *     once the new user is written (a wave writes the changes of existing users before it creates users).
 * </ul>
 */
final class ImportWaves {

    /** Decides one row of a wave: answers the id of the user it creates, or null when it creates none. */
    @FunctionalInterface
    interface Decider {

        /** {@code supervisorId} is the user the row names as supervisor, or null when there is none. */
        UUID decide(int row, UUID supervisorId);
    }

    private final List<String> logins = new ArrayList<>();
    private final List<String> supervisors = new ArrayList<>();
    private final List<Integer> withoutLogin = new ArrayList<>();
    private final Deque<List<Integer>> waves = new ArrayDeque<>();

    /** The waves of {@code rows}, the rows of one account in a batch in their order. */
    ImportWaves(List<ImportRowSubmitted> rows) {
        List<List<Integer>> byOccurrence = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            String login = ImportRowPolicy.lower(rows.get(i).login());
            logins.add(login);
            supervisors.add(ImportRowPolicy.lower(rows.get(i).supervisorLogin()));
            if (login == null) {
                withoutLogin.add(i);
                continue;
            }
            int wave = seen.merge(login, 1, Integer::sum) - 1;
            if (wave == byOccurrence.size()) {
                byOccurrence.add(new ArrayList<>());
            }
            byOccurrence.get(wave).add(i);
        }
        waves.addAll(byOccurrence);
    }

    /** The rows without a login (by their index in the batch), in no wave. */
    List<Integer> withoutLogin() {
        return List.copyOf(withoutLogin);
    }

    /** The rows of the next wave (by their index in the batch), or null when every row has been decided. */
    List<Integer> next() {
        return waves.poll();
    }

    /**
     * Decides each row of {@code wave} once with {@code decider}, in the order above, except the rows that wait
     * for the next wave, which {@link #next()} answers next.
     *
     * @param existing the logins, in lower case, of the wave's rows that name existing users
     * @param supervisorIds existing users the wave's rows name as supervisors, by login in lower case
     */
    void decide(List<Integer> wave, Set<String> existing, Map<String, UUID> supervisorIds, Decider decider) {
        new Wave(existing, supervisorIds, decider).decide(wave);
    }

    /** One wave being decided: the users its rows have created so far. */
    private final class Wave {

        private final Set<String> existing;
        private final Map<String, UUID> supervisorIds;
        private final Decider decider;
        private final Set<String> creating = new HashSet<>();
        private final Map<String, UUID> created = new HashMap<>();
        private final List<Integer> later = new ArrayList<>();

        Wave(Set<String> existing, Map<String, UUID> supervisorIds, Decider decider) {
            this.existing = existing;
            this.supervisorIds = supervisorIds;
            this.decider = decider;
        }

        void decide(List<Integer> wave) {
            wave.stream().map(logins::get).filter(login -> !existing.contains(login)).forEach(creating::add);
            List<Integer> waiting = new ArrayList<>(wave);
            boolean progress = true;
            while (!waiting.isEmpty() && progress) {
                List<Integer> again = new ArrayList<>();
                waiting.forEach(i -> {
                    if (!decide(i, true)) {
                        again.add(i);
                    }
                });
                progress = again.size() < waiting.size();
                waiting = again;
            }
            waiting.forEach(i -> decide(i, false));
            if (!later.isEmpty()) {
                waves.addFirst(later);
            }
        }

        /** Decides row {@code i}, or puts it off to the next wave; false when it waits for a row of this wave. */
        private boolean decide(int i, boolean mayWait) {
            String login = logins.get(i);
            String supervisor = supervisors.get(i);
            UUID supervisorId = supervisor == null ? null : created.getOrDefault(supervisor, supervisorIds.get(supervisor));
            if (supervisor != null && supervisorId == null && mayWait && creating.contains(supervisor)
                    && !supervisor.equals(login)) {
                return false;
            }
            if (existing.contains(login) && supervisor != null && created.containsKey(supervisor)) {
                later.add(i);
                return true;
            }
            UUID createdId = decider.decide(i, supervisorId);
            if (createdId != null) {
                created.put(login, createdId);
            }
            return true;
        }
    }
}
