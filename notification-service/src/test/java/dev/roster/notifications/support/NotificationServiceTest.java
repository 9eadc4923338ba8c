package dev.roster.notifications.support;

import dev.roster.testing.RosterInfrastructure;
import dev.roster.testing.TestJwtConfiguration;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * notification-service on a real database, broker and SMTP server, driven over HTTP with real tokens
 * and through events on the broker. One annotation, so that every test class shares one context.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // published outbox rows are kept, marked sent, so that tests can read what a change recorded (a service
        // deletes them once published; platform/starter's tests prove that)
        "roster.outbox.retention=1h",
        "logging.structured.format.console=",
        "roster.notifications.secrets.key=test-notification-secret-key-not-for-production",
        "roster.notifications.poll-interval=50ms",
        "roster.notifications.initial-backoff=200ms",
        "roster.notifications.max-backoff=1s",
        "roster.notifications.heartbeat=1s"})
@AutoConfigureWebTestClient
@RosterInfrastructure
@Import({NotificationServiceTest.Infrastructure.class, TestJwtConfiguration.class, Recipients.class})
public @interface NotificationServiceTest {

    /** The SMTP server (the clock is the real one: the email worker's back-off runs in real time). */
    @TestConfiguration(proxyBeanMethods = false)
    class Infrastructure {

        @Bean(destroyMethod = "stop")
        TestSmtp testSmtp() {
            return new TestSmtp();
        }

        @Bean
        DynamicPropertyRegistrar smtpProperties(TestSmtp smtp) {
            return registry -> {
                registry.add("spring.mail.host", () -> "127.0.0.1");
                registry.add("spring.mail.port", smtp::port);
            };
        }
    }
}
