package dev.roster.trainings.support;

import dev.roster.testing.MutableClock;
import dev.roster.testing.RosterInfrastructure;
import dev.roster.testing.TestJwtConfiguration;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * training-service on a real database and broker, driven over HTTP with real RS256 tokens, with a
 * clock tests can move. One annotation, so that every test class shares the same application context.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.structured.format.console=",
                // published outbox rows are kept, marked sent, so that tests can read what a change recorded (a service
                // deletes them once published; platform/starter's tests prove that)
                "roster.outbox.retention=1h"})
// the first request of a kind is slow on a busy 2-core machine (deserializers built, code compiled)
@AutoConfigureWebTestClient(timeout = "30s")
@RosterInfrastructure
@Import({TrainingServiceTest.Infrastructure.class, TestJwtConfiguration.class, Tenants.class})
public @interface TrainingServiceTest {

    /** The clock of the service under test. */
    @TestConfiguration(proxyBeanMethods = false)
    class Infrastructure {

        @Bean
        @Primary
        MutableClock clock() {
            return new MutableClock(Instant.now());
        }
    }
}
