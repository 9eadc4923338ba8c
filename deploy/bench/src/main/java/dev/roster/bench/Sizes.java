package dev.roster.bench;

import java.time.Duration;
import java.util.List;

/**
 * How big a run is. {@link #FULL} is what DESIGN.md names: 10,000 people offboarded at once, 100,000-row imports,
 * dozens and hundreds of connections. {@link #SMOKE} runs every scenario small, in minutes, for CI: it proves the
 * benchmark works and every effect arrives, and says nothing about speed.
 */
record Sizes(
        String name,
        int burstUsers,
        int signedInDuringBurst,
        int trainings,
        int seatsPerTraining,
        int waitersPerTraining,
        int invitationsBeforeBurst,
        int revocationSamples,
        int importRows,
        List<Integer> connections,
        Duration loadDuration,
        Duration idleWindow) {

    static final Sizes FULL = new Sizes("full", 10_000, 20, 3, 50, 10, 300, 20, 100_000,
            List.of(1, 32, 256), Duration.ofSeconds(15), Duration.ofSeconds(30));

    static final Sizes SMOKE = new Sizes("smoke", 300, 5, 2, 5, 2, 20, 5, 1_000,
            List.of(1, 8), Duration.ofSeconds(2), Duration.ofSeconds(5));

    /** The fault suite's offboarding under a broker restart: 10,000 people, as DESIGN names. */
    static final Sizes FAULTS = new Sizes("faults", 10_000, 5, 3, 50, 10, 0, 0, 0, List.of(), Duration.ZERO, Duration.ZERO);

    /** The fault suite's smaller populations, for faults that hit one service while it works through them. */
    static final Sizes FAULTS_SMALL = new Sizes("faults-small", 3_000, 5, 3, 50, 10, 0, 0, 0, List.of(), Duration.ZERO,
            Duration.ZERO);

    int enrolledInBurst() {
        return trainings * seatsPerTraining;
    }

    int waiters() {
        return trainings * waitersPerTraining;
    }
}
