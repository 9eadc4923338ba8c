package dev.roster.platform.people;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.events.EventEnvelope;
import dev.roster.events.RosterEvent;
import dev.roster.events.user.UserCreated;
import dev.roster.events.user.UserDeleted;
import dev.roster.events.user.UserProfile;
import dev.roster.events.user.UserStatus;
import dev.roster.events.user.UserStatusChanged;
import dev.roster.events.user.UserUpdated;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * How a poll's user events are cut into runs that apply together: departures, or creations and profile updates,
 * each user once per run.
 */
class PeopleRunsTest {

    static final UUID ACCOUNT = UUID.randomUUID();
    final UUID ann = UUID.randomUUID();
    final UUID bob = UUID.randomUUID();
    final UUID cyd = UUID.randomUUID();

    @Test
    void consecutiveDeparturesOfDistinctUsersFormOneRun() {
        var a = status(ann, UserStatus.EMPLOYMENT_ENDED);
        var b = status(bob, UserStatus.INACTIVE);
        var c = status(cyd, UserStatus.EMPLOYMENT_ENDED);

        assertThat(People.runs(List.of(a, b, c))).containsExactly(List.of(a, b, c));
    }

    @Test
    void aUserSeenAgainStartsANewRunSoTheirOwnEventsKeepTheirOrder() {
        var first = status(ann, UserStatus.INACTIVE);
        var other = status(bob, UserStatus.INACTIVE);
        var again = status(ann, UserStatus.EMPLOYMENT_ENDED);

        assertThat(People.runs(List.of(first, other, again))).containsExactly(List.of(first, other), List.of(again));
    }

    @Test
    void anyOtherEventStandsAloneBetweenRuns() {
        var a = status(ann, UserStatus.EMPLOYMENT_ENDED);
        var back = status(bob, UserStatus.ACTIVE);
        var gone = event(cyd, new UserDeleted(cyd, null));
        var c = status(cyd, UserStatus.INACTIVE);

        assertThat(People.runs(List.of(a, back, gone, c)))
                .containsExactly(List.of(a), List.of(back), List.of(gone), List.of(c));
    }

    @Test
    void consecutiveCreationsAndUpdatesOfDistinctUsersFormOneRunApartFromDepartures() {
        var a = event(ann, new UserCreated(profile(ann), null));
        var b = event(bob, new UserUpdated(profile(bob), List.of("firstName"), null));
        var c = event(cyd, new UserCreated(profile(cyd), null));
        var gone = status(ann, UserStatus.EMPLOYMENT_ENDED);
        var again = event(bob, new UserUpdated(profile(bob), List.of("lastName"), null));
        var twice = event(bob, new UserUpdated(profile(bob), List.of("email"), null));

        assertThat(People.runs(List.of(a, b, c, gone, again, twice)))
                .containsExactly(List.of(a, b, c), List.of(gone), List.of(again), List.of(twice));
    }

    private static UserProfile profile(UUID user) {
        return new UserProfile(user, "login-" + user, user + "@example.com", "First", "Last", UserStatus.ACTIVE, null,
                null, null, null, "en", List.of());
    }

    private static EventEnvelope<RosterEvent> status(UUID user, UserStatus status) {
        return event(user, new UserStatusChanged(user, UserStatus.ACTIVE, status, Instant.now(), null, false, null));
    }

    private static EventEnvelope<RosterEvent> event(UUID user, RosterEvent data) {
        return EventEnvelope.of(ACCOUNT, user, data, Clock.systemUTC());
    }
}
