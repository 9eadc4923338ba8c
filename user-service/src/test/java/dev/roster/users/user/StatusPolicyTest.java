package dev.roster.users.user;

import static dev.roster.events.user.UserStatus.ACTIVE;
import static dev.roster.events.user.UserStatus.EMPLOYMENT_ENDED;
import static dev.roster.events.user.UserStatus.INACTIVE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class StatusPolicyTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void anyStatusMayChangeToAnyOther() {
        assertThat(StatusPolicy.check(ACTIVE, INACTIVE, false, false)).isEmpty();
        assertThat(StatusPolicy.check(ACTIVE, EMPLOYMENT_ENDED, false, false)).isEmpty();
        assertThat(StatusPolicy.check(INACTIVE, EMPLOYMENT_ENDED, false, false)).isEmpty();
        assertThat(StatusPolicy.check(EMPLOYMENT_ENDED, INACTIVE, false, false)).isEmpty();
        assertThat(StatusPolicy.check(INACTIVE, ACTIVE, false, true)).isEmpty();
        assertThat(StatusPolicy.check(EMPLOYMENT_ENDED, ACTIVE, false, true)).isEmpty();
    }

    @Test
    void theAccountOwnerCanNeverLeaveActive() {
        assertThat(StatusPolicy.check(ACTIVE, INACTIVE, true, true)).contains(SkipReason.ACCOUNT_OWNER);
        assertThat(StatusPolicy.check(ACTIVE, EMPLOYMENT_ENDED, true, true)).contains(SkipReason.ACCOUNT_OWNER);
    }

    @Test
    void theAccountOwnerIsKeptFromEveryStatusButActiveNowOrScheduled() {
        assertThat(StatusPolicy.ownerKeptFrom(ACTIVE)).isFalse();
        assertThat(StatusPolicy.ownerKeptFrom(INACTIVE)).isTrue();
        assertThat(StatusPolicy.ownerKeptFrom(EMPLOYMENT_ENDED)).isTrue();
    }

    @Test
    void activatingNeedsAFreeSeatButLeavingDoesNot() {
        assertThat(StatusPolicy.check(INACTIVE, ACTIVE, false, false)).contains(SkipReason.SEAT_LIMIT);
        assertThat(StatusPolicy.check(ACTIVE, INACTIVE, false, false)).isEmpty();
    }

    @Test
    void changingToTheCurrentStatusIsSkipped() {
        assertThat(StatusPolicy.check(INACTIVE, INACTIVE, false, true)).contains(SkipReason.ALREADY_IN_STATUS);
    }

    @Test
    void aScheduledChangeTakesEffectAt2359InTheAccountsTimeZoneAcrossDaylightSavingChanges() {
        assertThat(StatusPolicy.effectiveAt(LocalDate.of(2026, 1, 15), BERLIN)).isEqualTo(Instant.parse("2026-01-15T22:59:00Z"));
        assertThat(StatusPolicy.effectiveAt(LocalDate.of(2026, 7, 15), BERLIN)).isEqualTo(Instant.parse("2026-07-15T21:59:00Z"));
        // the day the clocks go back has 25 hours; 23:59 is still 23:59 local
        assertThat(StatusPolicy.effectiveAt(LocalDate.of(2026, 10, 25), BERLIN)).isEqualTo(Instant.parse("2026-10-25T22:59:00Z"));
    }

    @Test
    void todayCanBeScheduledUntil2359AndThePastNever() {
        LocalDate today = LocalDate.of(2026, 11, 22);
        assertThat(StatusPolicy.isSchedulable(today, BERLIN, Instant.parse("2026-11-22T22:58:00Z"))).isTrue();
        assertThat(StatusPolicy.isSchedulable(today, BERLIN, Instant.parse("2026-11-22T22:59:00Z"))).isFalse();
        assertThat(StatusPolicy.isSchedulable(today.minusDays(1), BERLIN, Instant.parse("2026-11-22T08:00:00Z"))).isFalse();
    }
}
