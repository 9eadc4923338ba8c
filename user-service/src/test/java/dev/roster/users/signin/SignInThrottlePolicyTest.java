package dev.roster.users.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.roster.users.signin.SignInThrottlePolicy.Streak;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInThrottlePolicyTest {

    static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    final SignInThrottlePolicy policy = new SignInThrottlePolicy(5, Duration.ofSeconds(2), Duration.ofMinutes(15),
            Duration.ofHours(24), 20, Duration.ofMinutes(10));

    @Test
    void theFirstFailuresCostNothing() {
        assertThat(policy.delayAfter(1)).isZero();
        assertThat(policy.delayAfter(5)).isZero();
        assertThat(policy.waitBeforeCheck(new Streak(5, NOW), NOW)).isZero();
        assertThat(policy.waitBeforeCheck(null, NOW)).isZero();
    }

    @Test
    void eachFurtherFailureDoublesTheWaitUpToTheLongest() {
        assertThat(policy.delayAfter(6)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayAfter(7)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delayAfter(8)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.delayAfter(14)).isEqualTo(Duration.ofSeconds(512));
        assertThat(policy.delayAfter(15)).isEqualTo(Duration.ofMinutes(15));
        assertThat(policy.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void theWaitCountsFromTheLastFailure() {
        Streak streak = new Streak(7, NOW);

        assertThat(policy.waitBeforeCheck(streak, NOW.plusSeconds(1))).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.waitBeforeCheck(streak, NOW.plusSeconds(4))).isZero();
        assertThat(SignInThrottlePolicy.retryAfterSeconds(Duration.ofMillis(2_001))).isEqualTo(3);
        assertThat(SignInThrottlePolicy.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
    }

    @Test
    void aStreakIsForgottenAfterADayWithoutFailure() {
        Streak old = new Streak(30, NOW.minus(Duration.ofHours(24)));

        assertThat(policy.waitBeforeCheck(old, NOW)).isZero();
        assertThat(policy.afterFailure(old, NOW)).isEqualTo(new Streak(1, NOW));
        assertThat(policy.afterFailure(new Streak(6, NOW.minusSeconds(60)), NOW)).isEqualTo(new Streak(7, NOW));
        assertThat(policy.afterFailure(null, NOW)).isEqualTo(new Streak(1, NOW));
    }

    @Test
    void failuresOfManyLoginsOfOneAccountAreSpraying() {
        assertThat(policy.isSpraying(19)).isFalse();
        assertThat(policy.isSpraying(20)).isTrue();
    }

    @Test
    void inconsistentSettingsAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SignInThrottlePolicy(5, Duration.ofMinutes(20),
                Duration.ofMinutes(15), Duration.ofHours(24), 20, Duration.ofMinutes(10)));
        assertThatIllegalArgumentException().isThrownBy(() -> new SignInThrottlePolicy(5, Duration.ofSeconds(2),
                Duration.ofMinutes(15), Duration.ofHours(24), 0, Duration.ofMinutes(10)));
    }
}
