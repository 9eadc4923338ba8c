package dev.roster.imports.support;

import dev.roster.testing.RosterInfrastructure;
import dev.roster.testing.TestJwtConfiguration;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;

/**
 * import-service on a real database and broker, driven over HTTP with real tokens, with small limits
 * so that oversized and hostile files are cheap to build. One annotation, one shared context.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // published outbox rows are kept, marked sent, so that tests can read what a change recorded (a service
        // deletes them once published; platform/starter's tests prove that)
        "roster.outbox.retention=1h",
        "logging.structured.format.console=",
        "roster.imports.storage-directory=${java.io.tmpdir}/roster-imports-test-${random.uuid}",
        "roster.imports.max-file-size=8MB",
        "roster.imports.max-rows=100000",
        "roster.imports.max-unpacked-size=64MB",
        "spring.webflux.multipart.max-disk-usage-per-part=16MB"})
@AutoConfigureWebTestClient(timeout = "120s")
@RosterInfrastructure
@Import({TestJwtConfiguration.class, Accounts.class})
public @interface ImportServiceTest {
}
