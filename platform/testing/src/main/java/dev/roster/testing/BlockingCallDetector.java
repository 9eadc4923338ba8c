package dev.roster.testing;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;
import reactor.blockhound.BlockHound;

/**
 * Installs BlockHound for every test run of every module: a blocking call on an event-loop or
 * parallel thread (JDBC, a file read, a sleep, {@code block()}) fails the request or the test
 * instead of quietly stalling every other request on that thread. The allowances below are
 * blocking that is legitimate and brief (logging, the JDK's random source).
 */
public class BlockingCallDetector implements TestExecutionListener {

    private static volatile boolean installed;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        install();
    }

    public static synchronized void install() {
        if (installed) {
            return;
        }
        // BlockHound finds its integrations (Reactor's schedulers, Netty's event loops) with the
        // context class loader, which is not the test class path while the launcher starts
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(BlockingCallDetector.class.getClassLoader());
        try {
            BlockHound.builder()
                    .loadIntegrations()
                    // console and file appenders write synchronously; log lines are short
                    .allowBlockingCallsInside("ch.qos.logback.classic.Logger", "callAppenders")
                    .allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "writeBytes")
                    // SecureRandom reads the OS entropy source once in a while
                    .allowBlockingCallsInside("java.util.UUID", "randomUUID")
                    .allowBlockingCallsInside("java.security.SecureRandom", "nextBytes")
                    // loading a class reads the jar the first time
                    .allowBlockingCallsInside("java.lang.ClassLoader", "loadClass")
                    // the validator reads its message bundle from its jar once, then caches it
                    .allowBlockingCallsInside("org.hibernate.validator.resourceloading.PlatformResourceBundleLocator",
                            "loadBundle")
                    // Jackson builds a type's deserializer once under a lock, then caches it; two first requests
                    // of one type at the same moment wait for each other once
                    .allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache",
                            "_createAndCacheValueDeserializer")
                    // Resilience4j's Spring integration records every bulkhead and circuit-breaker event in a
                    // ring buffer guarded by a StampedLock held for a few instructions (no I/O); under dozens of
                    // concurrent calls a writer may park for that long
                    .allowBlockingCallsInside("io.github.resilience4j.circularbuffer.ConcurrentEvictingQueue",
                            "writeConcurrently")
                    // when an open circuit breaker's wait ends, the calls arriving at that moment race to move it to
                    // HALF_OPEN under a lock held while the transition event is recorded (no I/O); the losers park
                    // that long, once per wait (UpstreamShutdownTest in the gateway)
                    .allowBlockingCallsInside("io.github.resilience4j.circuitbreaker.internal.CircuitBreakerStateMachine$OpenState",
                            "toHalfOpenState")
                    .install();
        }
        finally {
            thread.setContextClassLoader(previous);
        }
        installed = true;
    }
}
