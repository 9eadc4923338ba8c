package dev.roster.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Watches one token at one place until it is refused (401), as a client still holding it would find out. */
final class Refusal {

    private Refusal() {
    }

    /**
     * Starts asking on a virtual thread, waiting {@code every} after each answer (the figure's resolution); completes with the {@link System#nanoTime()} of the first refusal, or
     * {@code -1} when the token is still accepted after the timeout.
     */
    static CompletableFuture<Long> watch(Api api, String path, String token, Duration every, Duration timeout) {
        CompletableFuture<Long> refused = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                while (System.nanoTime() < deadline) {
                    int status = api.status(path, token);
                    if (status == 401) {
                        refused.complete(System.nanoTime());
                        return;
                    }
                    if (status != 200) {
                        throw new IllegalStateException(path + " answered " + status + " before the token was refused");
                    }
                    Thread.sleep(every);
                }
                refused.complete(-1L);
            }
            catch (Exception ex) {
                refused.completeExceptionally(ex);
            }
        });
        return refused;
    }
}
