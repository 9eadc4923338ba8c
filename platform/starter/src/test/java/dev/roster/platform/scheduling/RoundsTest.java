package dev.roster.platform.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

class RoundsTest {

    @Test
    void aFailedRoundIsTriedAgainAtTheNextTickAndStopEndsThem() {
        AtomicInteger rounds = new AtomicInteger();
        Rounds work = new Rounds("Test work", Duration.ZERO, Duration.ofMillis(20), () -> rounds.incrementAndGet() % 2 == 1
                ? Mono.error(new IllegalStateException("every other round fails")) : Mono.empty(),
                LoggerFactory.getLogger(RoundsTest.class));
        work.start();
        assertThat(work.isRunning()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> rounds.get() >= 5);

        work.stop();
        assertThat(work.isRunning()).isFalse();
        int stoppedAt = rounds.get();
        await().pollDelay(Duration.ofMillis(200)).until(() -> true);
        assertThat(rounds.get()).as("no round after stop").isLessThanOrEqualTo(stoppedAt + 1);
    }

    @Test
    void roundsNeverOverlap() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        // a round ends (and is counted out) before it completes, so the next may begin only after that
        Rounds work = new Rounds("Slow work", Duration.ZERO, Duration.ofMillis(5), () -> Mono.fromRunnable(() ->
                        most.accumulateAndGet(inFlight.incrementAndGet(), Math::max))
                .then(Mono.delay(Duration.ofMillis(30)))
                .then(Mono.fromRunnable(() -> {
                    inFlight.decrementAndGet();
                    done.incrementAndGet();
                })), LoggerFactory.getLogger(RoundsTest.class));
        work.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> done.get() >= 5);
        work.stop();
        assertThat(most.get()).isEqualTo(1);
    }
}
