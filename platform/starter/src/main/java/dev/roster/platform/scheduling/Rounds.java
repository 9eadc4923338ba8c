package dev.roster.platform.scheduling;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Work a service does in rounds, every {@code interval} (the first after {@code initialDelay}): a round never overlaps
 * the one before (a tick while one runs waits, more ticks are dropped), a failed round is logged as a warning and the
 * next tick tries again, and nothing but {@link #stop} ends it. For a {@code SmartLifecycle} component's
 * {@code start}, {@code stop} and {@code isRunning}.
 */
public final class Rounds {

    private final String what;
    private final Duration initialDelay;
    private final Duration interval;
    private final Supplier<? extends Mono<?>> round;
    private final Logger log;
    private volatile Disposable running;

    /** {@code what} names the work in the log, as in "{@code what} failed, will retry". */
    public Rounds(String what, Duration initialDelay, Duration interval, Supplier<? extends Mono<?>> round, Logger log) {
        this.what = what;
        this.initialDelay = initialDelay;
        this.interval = interval;
        this.round = round;
        this.log = log;
    }

    public synchronized void start() {
        if (running != null) {
            return;
        }
        running = Flux.interval(initialDelay, interval)
                .onBackpressureDrop()
                .concatMap(tick -> Mono.defer(round).then().onErrorResume(error -> {
                    log.warn("{} failed, will retry: {}", what, error.toString());
                    return Mono.empty();
                }), 1)
                .subscribe(ignored -> { }, error -> log.error("{} stopped", what, error));
    }

    public synchronized void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
        running = null;
    }

    public boolean isRunning() {
        return running != null;
    }
}
