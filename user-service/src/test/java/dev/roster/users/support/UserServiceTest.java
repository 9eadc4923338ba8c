package dev.roster.users.support;

import dev.roster.testing.MutableClock;
import dev.roster.testing.RosterInfrastructure;
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
 * user-service on a real database and broker, driven over HTTP, with a clock tests can move. One
 * annotation, so that every test class shares the same application context.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // published outbox rows are kept, marked sent, so that tests can read what a change recorded (a service
        // deletes them once published; platform/starter's tests prove that)
        "roster.outbox.retention=1h",
        "roster.users.operator-token=" + TestAccounts.OPERATOR_TOKEN,
        "roster.users.signing-keys.secret=" + UserServiceTest.SIGNING_KEY_SECRET,
        "roster.users.scheduler-interval=1h",
        "roster.impact.timeout=1s",
        "logging.structured.format.console="})
// the first request of a kind is slow on a busy 2-core machine (deserializers built, code compiled)
@AutoConfigureWebTestClient(timeout = "30s")
@RosterInfrastructure
@Import({UserServiceTest.TestClock.class, ImpactServices.class})
public @interface UserServiceTest {

    /** The key the test service encrypts its signing keys with. */
    String SIGNING_KEY_SECRET = "test-signing-key-secret-not-for-production";

    /** The clock of the service under test. */
    @TestConfiguration(proxyBeanMethods = false)
    class TestClock {

        @Bean
        @Primary
        MutableClock clock() {
            return new MutableClock(Instant.now());
        }
    }
}
