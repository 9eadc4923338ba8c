package dev.roster.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a Spring test context real infrastructure: a fresh PostgreSQL database (dropped when the
 * context closes) and, unless {@code kafka = false}, its own embedded KRaft Kafka broker. The
 * {@code spring.r2dbc.*}, {@code spring.flyway.*} and {@code spring.kafka.bootstrap-servers}
 * properties point at them, and {@link TestDatabase} and {@link TestKafka} are beans to inject.
 *
 * <p>PostgreSQL is the server at {@code ROSTER_TEST_POSTGRES_URL} (default
 * {@code jdbc:postgresql://localhost:5432/postgres}, user {@code ROSTER_TEST_POSTGRES_USER}, password
 * {@code ROSTER_TEST_POSTGRES_PASSWORD}); when none answers and Docker runs, a Testcontainers one.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RosterInfrastructure {

    /** Whether the context gets an embedded Kafka broker. */
    boolean kafka() default true;

    /** Partitions of topics the broker creates automatically. */
    int partitions() default 3;
}
