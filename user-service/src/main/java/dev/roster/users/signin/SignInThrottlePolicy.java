package dev.roster.users.signin;

import java.time.Duration;
import java.time.Instant;

/**
 * How failed password checks slow down the next ones. Failures are counted per pair of a login and a
 * client address, never per login alone: a guesser slows down only themselves, and the owner of the
 * login still signs in from her own address. The first {@code freeFailures} of a streak cost nothing;
 * after each further failure the pair waits twice as long as after the one before, from
 * {@code firstDelay} up to {@code maxDelay}. A streak whose last failure is {@code forgetAfter} old is
 * forgotten; a correct password ends it. An unknown login is a login like any other here, so a slowed
 * answer never tells whether a login exists. Across an account, failures of {@code sprayLogins}
 * different logins within {@code sprayWindow} raise the alarm for password spraying.
 *
 * @param freeFailures failures of a pair in a row before the first delay
 * @param firstDelay the wait after the first failure past the free ones; it doubles with each further one
 * @param maxDelay the longest wait
 * @param forgetAfter a streak whose last failure is this old starts again from nothing
 * @param sprayLogins different logins of one account failing within {@code sprayWindow} that raise the alarm
 * @param sprayWindow the window of the spraying alarm, and the least time between two alarms of an account
 */
record SignInThrottlePolicy(int freeFailures, Duration firstDelay, Duration maxDelay, Duration forgetAfter,
        int sprayLogins, Duration sprayWindow) {

    public SignInThrottlePolicy {
        if (freeFailures < 0 || firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0 || !forgetAfter.isPositive()
                || sprayLogins < 1 || !sprayWindow.isPositive()) {
            throw new IllegalArgumentException("Inconsistent sign-in throttle settings");
        }
    }

    /** The failures of one pair so far: how many in a row, and when the last one was. */
    public record Streak(int failures, Instant lastFailureAt) {
    }

    /** How long the pair waits after its {@code failures}-th failure in a row before the next check. */
    public Duration delayAfter(int failures) {
        int beyond = failures - freeFailures;
        if (beyond <= 0) {
            return Duration.ZERO;
        }
        // 2^(beyond - 1) times the first delay, without overflowing for long streaks
        if (beyond > 40) {
            return maxDelay;
        }
        Duration delay = firstDelay.multipliedBy(1L << (beyond - 1));
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    /**
     * How long the pair must still wait before its password may be checked ({@link Duration#ZERO}: check
     * now). {@code streak} is null for a pair that never failed.
     */
    public Duration waitBeforeCheck(Streak streak, Instant now) {
        if (streak == null || streak.failures() <= freeFailures || forgotten(streak, now)) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, streak.lastFailureAt().plus(delayAfter(streak.failures())));
        return left.isPositive() ? left : Duration.ZERO;
    }

    /** The streak after one more failure now. */
    public Streak afterFailure(Streak streak, Instant now) {
        return new Streak(streak == null || forgotten(streak, now) ? 1 : streak.failures() + 1, now);
    }

    /** The {@code Retry-After} of a wait: whole seconds, rounded up, at least one. */
    public static long retryAfterSeconds(Duration wait) {
        long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    /** Whether {@code failingLogins} different logins of one account failing within the window is spraying. */
    public boolean isSpraying(long failingLogins) {
        return failingLogins >= sprayLogins;
    }

    /** A streak whose last failure is at or before this instant is forgotten. */
    public Instant forgottenBefore(Instant now) {
        return now.minus(forgetAfter);
    }

    private boolean forgotten(Streak streak, Instant now) {
        return !streak.lastFailureAt().isAfter(forgottenBefore(now));
    }
}
