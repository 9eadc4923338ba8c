package dev.roster.platform.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeatsTest {

    @Test
    void seatsAreTakenUpToTheLimitAndAFreedOneCanBeTakenAgain() {
        Seats seats = new Seats(3, 1);
        assertThat(seats.take()).isTrue();
        assertThat(seats.take()).isTrue();
        assertThat(seats.available()).isFalse();
        assertThat(seats.take()).as("the limit holds").isFalse();
        assertThat(seats.taken()).isEqualTo(3);

        seats.free();
        assertThat(seats.available()).isTrue();
        assertThat(seats.take()).isTrue();
        assertThat(seats.taken()).isEqualTo(3);
    }

    @Test
    void anAccountAlreadyOverItsLimitHasNoSeatUntilEnoughAreFreed() {
        // a limit lowered below the active users: nobody more becomes active until they are fewer than it
        Seats seats = new Seats(2, 4);
        assertThat(seats.take()).isFalse();
        seats.free();
        seats.free();
        assertThat(seats.take()).isFalse();
        seats.free();
        assertThat(seats.take()).isTrue();
    }

    @Test
    void withoutAKnownLimitEverySeatIsFree() {
        Seats seats = new Seats(null, 1_000_000);
        assertThat(seats.take()).isTrue();
        assertThat(seats.taken()).isEqualTo(1_000_001);
    }

    @Test
    void aSeatOccupiedByADecidedChangeCountsAgainstTheNext() {
        Seats seats = new Seats(2, 1);
        seats.occupy();
        assertThat(seats.available()).isFalse();
    }
}
