package dev.roster.platform.kafka;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Runs asynchronous work one at a time per key and in the order it was subscribed. Kafka hands
 * a listener the records of a partition in order, but an asynchronous listener would otherwise
 * apply them concurrently; events of one aggregate must apply in order, others may overlap.
 */
final class KeyedSequencer {

    private final ConcurrentHashMap<String, Mono<Void>> tails = new ConcurrentHashMap<>();

    <T> Mono<T> run(String key, Supplier<Mono<T>> work) {
        if (key == null) {
            return Mono.defer(work);
        }
        return Mono.defer(() -> {
            Sinks.Empty<Void> done = Sinks.empty();
            Mono<Void> mine = done.asMono();
            @SuppressWarnings("unchecked")
            Mono<Void>[] previous = new Mono[1];
            tails.compute(key, (k, tail) -> {
                previous[0] = tail;
                return mine;
            });
            Mono<Void> turn = previous[0] == null ? Mono.empty() : previous[0];
            return turn.then(Mono.defer(work)).doFinally(signal -> {
                done.tryEmitEmpty();
                tails.remove(key, mine);
            });
        });
    }
}
