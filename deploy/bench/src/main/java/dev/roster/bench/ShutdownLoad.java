package dev.roster.bench;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reads through the gateway from every service at once, in a closed loop, while services are stopped and started:
 * each answer is counted as answered (2xx), shed (503 with {@code Retry-After}: its service is not there right now),
 * refused (no connection to the gateway: it is not there right now), closed by the stopping gateway (see
 * {@link Result#closedByStoppingGateway()}), cut short (status and headers arrived, the body did not: the connection
 * closed under it) or cut off (anything else: no answer to a request that was accepted, or an answer that is not an
 * answer). What was cut off is told apart by the service that was stopping at the time.
 */
final class ShutdownLoad implements AutoCloseable {

    /** One read per service, so that every service is being asked whenever it stops. */
    private static final List<String> PATHS = List.of("/me", "/trainings", "/notifications", "/imports");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile boolean paused;
    private volatile String stopping = "nothing";
    private final LongAdder answered = new LongAdder();
    private final LongAdder shed = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder closedByStoppingGateway = new LongAdder();
    private final LongAdder cutShort = new LongAdder();
    private final Map<String, LongAdder> cut = new ConcurrentHashMap<>();

    /**
     * Counts of a run, and for what was cut off, how (status or exception) and how often. {@code closedByStoppingGateway}
     * counts the keep-alive race of the gateway's own graceful shutdown: it closes every connection that has no request
     * in progress, and a read a client sends on one at that very moment gets no answer at all (no byte; the gateway's
     * log shows the proxied read cancelled). HTTP/1.1 lets a client send an idempotent request again when its
     * connection closes before any answer; in Kubernetes the preStop pause takes a pod out of its Service before
     * SIGTERM, so that nobody is sending then. At most one per client: a closed connection is not used again.
     */
    record Result(long answered, long shed, long refused, long closedByStoppingGateway, long cutShort, Map<String, Long> cut) {

        long cutOff() {
            return cut.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private ShutdownLoad(String base, String token, int clientCount) {
        for (int i = 0; i < clientCount; i++) {
            int first = i;
            clients.submit(() -> {
                for (int n = first; running.get(); n++) {
                    if (paused) {
                        Bench.sleep(Duration.ofMillis(20));
                        continue;
                    }
                    read(URI.create(base + PATHS.get(n % PATHS.size())), token);
                }
            });
        }
    }

    static ShutdownLoad start(Bench bench, String token, int clients) {
        return new ShutdownLoad("http://localhost:" + bench.stack.port("gateway") + "/api/v1", token, clients);
    }

    private void read(URI uri, String token) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status / 100 == 2) {
                answered.increment();
            }
            else if (status == 503 && response.headers().firstValue("Retry-After").isPresent()) {
                shed.increment();
                Bench.sleep(Duration.ofMillis(50));
            }
            else {
                cut(uri, String.valueOf(status));
            }
        }
        catch (ConnectException ex) {
            // the gateway is not listening: nothing was accepted, nothing cut
            refused.increment();
            Bench.sleep(Duration.ofMillis(50));
        }
        catch (HttpTimeoutException ex) {
            cut(uri, "no answer within 30 s");
        }
        catch (IOException ex) {
            String message = String.valueOf(ex.getMessage());
            // the JDK client's words for a body that stopped short of its Content-Length
            if (message.contains("bytes received")) {
                cutShort.increment();
            }
            // not a byte of an answer from a gateway that is stopping: the keep-alive race of its graceful shutdown
            else if (message.contains("header parser received no bytes") && stopping.equals("gateway")) {
                closedByStoppingGateway.increment();
                Bench.sleep(Duration.ofMillis(50));
            }
            else {
                cut(uri, ex.toString());
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void cut(URI uri, String how) {
        cut.computeIfAbsent(uri.getPath() + " while " + stopping + " stopped: " + how, key -> new LongAdder()).increment();
    }

    /** Which service is being stopped from now on (until the next call), to tell what was cut apart. */
    void stopping(String service) {
        stopping = service;
    }

    /**
     * Holds the clients (each finishes the request it is sending) while a stopped service starts again: its start on
     * two busy cores would take three times as long, and there is nothing to learn from reads meanwhile.
     */
    void pause() {
        paused = true;
    }

    void resume() {
        paused = false;
    }

    /** Stops the clients (each finishes the request it is sending) and answers the counts. */
    Result stop() throws InterruptedException {
        running.set(false);
        clients.shutdown();
        clients.awaitTermination(1, TimeUnit.MINUTES);
        Map<String, Long> cutOff = new java.util.TreeMap<>();
        cut.forEach((how, count) -> cutOff.put(how, count.sum()));
        return new Result(answered.sum(), shed.sum(), refused.sum(), closedByStoppingGateway.sum(), cutShort.sum(), cutOff);
    }

    @Override
    public void close() throws InterruptedException {
        if (running.get()) {
            stop();
        }
    }
}
